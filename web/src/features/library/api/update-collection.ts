import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-schema";

import type { Collection } from "./list-collections";

export type CollectionEdit = components["schemas"]["CollectionEdit"];

/** `PATCH /v1/collections/{id}`: a merge patch of its name, description and cover. */
export function updateCollection({
  collectionId,
  edit,
}: {
  collectionId: string;
  edit: CollectionEdit;
}): Promise<Collection> {
  return unwrap(
    api.PATCH("/v1/collections/{collection_id}", {
      params: { path: { collection_id: collectionId } },
      body: edit,
    }),
  );
}

export function useUpdateCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateCollection,
    onSuccess: () => client.invalidateQueries({ queryKey: ["collections"] }),
  });
}
