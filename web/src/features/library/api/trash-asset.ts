import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";
import type { Asset } from "@/lib/api/upload-file";

import { libraryChanged } from "./invalidate";

/** `DELETE /v1/assets/{id}`: to the trash, restorable until its `purge_at`. */
export function trashAsset(assetId: string): Promise<Asset> {
  return unwrap(api.DELETE("/v1/assets/{asset_id}", { params: { path: { asset_id: assetId } } }));
}

export function useTrashAsset() {
  const client = useQueryClient();
  return useMutation({ mutationFn: trashAsset, onSuccess: () => libraryChanged(client) });
}
