import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";
import type { Asset } from "@/lib/api/upload-file";

import { libraryChanged } from "./invalidate";

/** `POST /v1/assets/{id}/restore`: out of the trash, back in the library. */
export function restoreAsset(assetId: string): Promise<Asset> {
  return unwrap(api.POST("/v1/assets/{asset_id}/restore", { params: { path: { asset_id: assetId } } }));
}

export function useRestoreAsset() {
  const client = useQueryClient();
  return useMutation({ mutationFn: restoreAsset, onSuccess: () => libraryChanged(client) });
}
