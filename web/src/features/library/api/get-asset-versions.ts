import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type AssetVersions = Schemas["VersionsPublic"];

/** `GET /v1/assets/{id}/versions`: the asset's version chain, oldest first. */
export function getAssetVersions(assetId: string): Promise<AssetVersions> {
  return unwrap(api.GET("/v1/assets/{asset_id}/versions", { params: { path: { asset_id: assetId } } }));
}

export const assetVersionsQuery = (assetId: string) =>
  queryOptions({ queryKey: ["assets", assetId, "versions"], queryFn: () => getAssetVersions(assetId) });

export function useAssetVersions(assetId: string) {
  return useQuery(assetVersionsQuery(assetId));
}
