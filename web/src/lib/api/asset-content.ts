import { queryOptions, useQuery } from "@tanstack/react-query";

import { authorizedFetch } from "../api-client";

/**
 * An asset's bytes (`GET /v1/assets/{id}/content` follows its redirect to a short-lived
 * object-store URL). Kept as a Blob: images, videos and models show from object URLs, and a
 * canvas may read their pixels.
 */
export async function getAssetContent(assetId: string): Promise<Blob> {
  const response = await authorizedFetch(`/v1/assets/${encodeURIComponent(assetId)}/content`);
  return response.blob();
}

export const assetContentQuery = (assetId: string) =>
  queryOptions({
    queryKey: ["asset-content", assetId],
    queryFn: () => getAssetContent(assetId),
    staleTime: Infinity,
    gcTime: 5 * 60_000,
  });

export function useAssetContent(assetId: string | null) {
  return useQuery({ ...assetContentQuery(assetId ?? ""), enabled: assetId !== null });
}
