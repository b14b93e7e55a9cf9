import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

import { libraryChanged } from "./invalidate";

/** `DELETE /v1/collections/{id}/assets/{asset_id}`: out of the collection, still in the library. */
export function removeFromCollection({
  collectionId,
  assetId,
}: {
  collectionId: string;
  assetId: string;
}): Promise<Schemas["CollectionItemsChanged"]> {
  return unwrap(
    api.DELETE("/v1/collections/{collection_id}/assets/{asset_id}", {
      params: { path: { collection_id: collectionId, asset_id: assetId } },
    }),
  );
}

export function useRemoveFromCollection() {
  const client = useQueryClient();
  return useMutation({ mutationFn: removeFromCollection, onSuccess: () => libraryChanged(client) });
}
