import { queryOptions, useQuery } from "@tanstack/react-query";

import { authorizedFetch } from "../api-client";

/**
 * An asset's bytes (`GET /v1/assets/{id}/content` follows its redirect to a short-lived
 * object-store URL). Kept as a Blob: images, videos and models show from object URLs, and a
 * canvas may read their pixels. Shown as a `preview`, it is not counted in the asset's usage;
 * a download is.
 */
export async function getAssetContent(assetId: string, preview = true): Promise<Blob> {
  const query = preview ? "?preview=true" : "";
  const response = await authorizedFetch(`/v1/assets/${encodeURIComponent(assetId)}/content${query}`);
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
