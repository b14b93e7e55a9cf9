import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

import { batchQuery } from "./get-batch";

export type BatchCancelled = Schemas["BatchCancelled"];

/** `POST /v1/batches/{id}/cancel`: jobs not started yet end `cancelled` and give their credits back. */
export function cancelBatch(batchId: string): Promise<BatchCancelled> {
  return unwrap(api.POST("/v1/batches/{batch_id}/cancel", { params: { path: { batch_id: batchId } } }));
}

export function useCancelBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: cancelBatch,
    onSuccess: (answer) => {
      client.setQueryData(batchQuery(answer.batch.id).queryKey, answer.batch);
    },
  });
}
