import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "../api-client";
import type { Asset } from "./upload-file";

export function getAsset(assetId: string): Promise<Asset> {
  return unwrap(api.GET("/v1/assets/{asset_id}", { params: { path: { asset_id: assetId } } }));
}

/** Assets never change once made: fetched once per session. */
export const assetQuery = (assetId: string) =>
  queryOptions({ queryKey: ["assets", assetId], queryFn: () => getAsset(assetId), staleTime: Infinity });

export function useAsset(assetId: string | null) {
  return useQuery({ ...assetQuery(assetId ?? ""), enabled: assetId !== null });
}
