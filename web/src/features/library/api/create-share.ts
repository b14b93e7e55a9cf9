import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, idempotencyKey, unwrap, type Schemas } from "@/lib/api-client";
import type { components } from "@/lib/api-schema";

export type ShareCreate = components["schemas"]["ShareCreate"];
export type ShareCreated = Schemas["ShareCreated"];

/** `POST /v1/shares`: a link to an asset or a collection; its token is shown this once. */
export function createShare(body: ShareCreate): Promise<ShareCreated> {
  return unwrap(api.POST("/v1/shares", { body, headers: { "Idempotency-Key": idempotencyKey() } }));
}

export function useCreateShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createShare,
    onSuccess: () => client.invalidateQueries({ queryKey: ["shares"] }),
  });
}
