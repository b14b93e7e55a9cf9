import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";
import type { Asset } from "@/lib/api/upload-file";

/** An asset and its `ETag`: the version an edit names in `If-Match`. */
export interface EditableAsset {
  asset: Asset;
  etag: string | null;
}

/** `GET /v1/assets/{id}` (the trash's assets too), with the version it is at. */
export async function getEditableAsset(assetId: string): Promise<EditableAsset> {
  const call = api.GET("/v1/assets/{asset_id}", { params: { path: { asset_id: assetId } } });
  const { response } = await call;
  const asset = await unwrap(call);
  return { asset, etag: response.headers.get("ETag") };
}

export const editableAssetQuery = (assetId: string) =>
  queryOptions({ queryKey: ["assets", assetId, "editable"], queryFn: () => getEditableAsset(assetId) });

export function useEditableAsset(assetId: string) {
  return useQuery(editableAssetQuery(assetId));
}
