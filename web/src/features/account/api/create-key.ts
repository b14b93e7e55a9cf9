import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, idempotencyKey, unwrap, type Schemas } from "@/lib/api-client";

import { keysQuery } from "./list-keys";

export type CreatedKey = Schemas["ApiKeyCreated"];

/** `POST /v1/keys`: a named key; the answer holds the key itself, this once only. */
export function createKey(name: string): Promise<CreatedKey> {
  return unwrap(
    api.POST("/v1/keys", { body: { name }, params: { header: { "idempotency-key": idempotencyKey() } } }),
  );
}

export function useCreateKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createKey,
    onSuccess: () => client.invalidateQueries({ queryKey: keysQuery.queryKey }),
  });
}
