import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../api-client";
import type { paths } from "../api-schema";

export type AssetsPage = Schemas["AssetsPublic"];
export type AssetFilters = Omit<
  NonNullable<paths["/v1/assets"]["get"]["parameters"]["query"]>,
  "cursor" | "limit"
>;

export function listAssets(filters: AssetFilters, cursor?: string, limit = 24): Promise<AssetsPage> {
  return unwrap(api.GET("/v1/assets", { params: { query: { ...filters, cursor, limit } } }));
}

/** Newest first, a page at a time (`next` until the end). */
export const assetsQuery = (filters: AssetFilters, limit = 24) =>
  infiniteQueryOptions({
    queryKey: ["assets", "list", filters, limit],
    queryFn: ({ pageParam }) => listAssets(filters, pageParam, limit),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });

export function useAssets(filters: AssetFilters, limit = 24) {
  return useInfiniteQuery(assetsQuery(filters, limit));
}
