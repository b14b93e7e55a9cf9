import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

import { batchQuery } from "./get-batch";

export type BatchRetried = Schemas["BatchRetried"];

/** `POST /v1/batches/{id}/retry-failed`: failed and rejected jobs submitted again as new jobs. */
export function retryFailed(batchId: string): Promise<BatchRetried> {
  return unwrap(api.POST("/v1/batches/{batch_id}/retry-failed", { params: { path: { batch_id: batchId } } }));
}

export function useRetryFailed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: retryFailed,
    onSuccess: (answer) => {
      client.setQueryData(batchQuery(answer.batch.id).queryKey, answer.batch);
    },
  });
}
