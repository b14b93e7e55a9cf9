import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type UsagePage = Schemas["AssetUsesPublic"];

/** `GET /v1/assets/{id}/usage`: downloads, share views and archive entries, newest first. */
export function getAssetUsage(assetId: string): Promise<UsagePage> {
  return unwrap(
    api.GET("/v1/assets/{asset_id}/usage", { params: { path: { asset_id: assetId }, query: { limit: 20 } } }),
  );
}

export const assetUsageQuery = (assetId: string) =>
  queryOptions({ queryKey: ["assets", assetId, "usage"], queryFn: () => getAssetUsage(assetId) });

export function useAssetUsage(assetId: string) {
  return useQuery(assetUsageQuery(assetId));
}
