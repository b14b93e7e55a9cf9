import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Similar = Schemas["SimilarPublic"];
export type SimilarBy = Similar["by"];

/** `GET /v1/assets/{id}/similar`: near-duplicates by perceptual hash, or look-alikes by colour. */
export function listSimilar(assetId: string, by: SimilarBy): Promise<Similar> {
  return unwrap(
    api.GET("/v1/assets/{asset_id}/similar", {
      params: { path: { asset_id: assetId }, query: { by, limit: 12, ...(by === "color" ? { min_score: 0.8 } : {}) } },
    }),
  );
}

export const similarQuery = (assetId: string, by: SimilarBy) =>
  queryOptions({ queryKey: ["assets", assetId, "similar", by], queryFn: () => listSimilar(assetId, by) });

export function useSimilar(assetId: string, by: SimilarBy) {
  return useQuery(similarQuery(assetId, by));
}
