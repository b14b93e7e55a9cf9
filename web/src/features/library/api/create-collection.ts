import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, idempotencyKey, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-schema";

import type { Collection } from "./list-collections";

export type CollectionCreate = components["schemas"]["CollectionCreate"];

/** `POST /v1/collections`. */
export function createCollection(body: CollectionCreate): Promise<Collection> {
  return unwrap(api.POST("/v1/collections", { body, headers: { "Idempotency-Key": idempotencyKey() } }));
}

export function useCreateCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createCollection,
    onSuccess: () => client.invalidateQueries({ queryKey: ["collections"] }),
  });
}
