import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

import { libraryChanged } from "./invalidate";

/** `DELETE /v1/collections/{id}`: the collection goes, its assets stay in the library. */
export async function deleteCollection(collectionId: string): Promise<void> {
  await unwrap(api.DELETE("/v1/collections/{collection_id}", { params: { path: { collection_id: collectionId } } }));
}

export function useDeleteCollection() {
  const client = useQueryClient();
  return useMutation({ mutationFn: deleteCollection, onSuccess: () => libraryChanged(client) });
}
