import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

import { libraryChanged } from "./invalidate";

interface AddToCollection {
  collectionId: string;
  assetIds: string[];
  /** An asset of the collection to put them before; else at its end. */
  before?: string | null;
}

/** `POST /v1/collections/{id}/assets`: file assets, or move ones already in it (reorder). */
export function addToCollection({
  collectionId,
  assetIds,
  before,
}: AddToCollection): Promise<Schemas["CollectionItemsChanged"]> {
  return unwrap(
    api.POST("/v1/collections/{collection_id}/assets", {
      params: { path: { collection_id: collectionId } },
      body: { asset_ids: assetIds, before: before ?? null },
    }),
  );
}

export function useAddToCollection() {
  const client = useQueryClient();
  return useMutation({ mutationFn: addToCollection, onSuccess: () => libraryChanged(client) });
}
