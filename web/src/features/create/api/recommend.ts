import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type RecommendationsRequest = Schemas["RecommendationsCreate"];
export type Recommendations = Schemas["RecommendationsPublic"];
export type Recommendation = Schemas["RecommendationPublic"];

/** `POST /v1/recommendations`: the providers and models that fit the request, best first, with why. */
export function recommend(body: RecommendationsRequest): Promise<Recommendations> {
  return unwrap(api.POST("/v1/recommendations", { body }));
}

export const recommendationsQuery = (body: RecommendationsRequest) =>
  queryOptions({
    queryKey: ["recommendations", body],
    queryFn: () => recommend(body),
    staleTime: 10_000,
    retry: false,
  });

/** The recommendations for `body`, kept current as it changes (`null` while there is no prompt). */
export function useRecommendations(body: RecommendationsRequest | null) {
  return useQuery({ ...recommendationsQuery(body ?? { kind: "generate" }), enabled: body !== null });
}
