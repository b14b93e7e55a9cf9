import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";
import type { components, paths } from "@/lib/api-schema";
import { type AssetFilters, listAssets } from "@/lib/api/list-assets";

export type AssetHit = Schemas["AssetHit"];
export type SearchPage = Schemas["AssetSearchPage"];
export type SearchQuery = Omit<
  NonNullable<paths["/v1/assets/search"]["get"]["parameters"]["query"]>,
  "cursor" | "limit"
>;
export type SearchSort = NonNullable<SearchQuery["sort"]>;
export type AssetFilter = components["schemas"]["AssetFilter"];

/** A page of the grid, whichever call made it: `total` is null for a listing. */
export interface ResultsPage {
  items: AssetHit[];
  next: string | null;
  total: number | null;
}

export const PAGE_SIZE = 24;

/** `GET /v1/assets/search`: words or meaning, filters and sort, with the total. */
export async function searchAssets(query: SearchQuery, cursor?: string, limit = PAGE_SIZE): Promise<ResultsPage> {
  const page = await unwrap(api.GET("/v1/assets/search", { params: { query: { ...query, cursor, limit } } }));
  return { items: page.items, next: page.next ?? null, total: page.total };
}

async function listed(filters: AssetFilters, cursor?: string): Promise<ResultsPage> {
  const page = await listAssets(filters, cursor, PAGE_SIZE);
  return { items: page.items, next: page.next ?? null, total: null };
}

/**
 * The library's results a page at a time: the search, or (for filters only the listing has,
 * `source_asset_id` and `role`) `GET /v1/assets`.
 */
export const libraryResultsQuery = (query: SearchQuery, listing: AssetFilters | null) =>
  infiniteQueryOptions({
    queryKey: ["assets", "search", listing ? { listing } : query],
    queryFn: ({ pageParam }) => (listing ? listed(listing, pageParam) : searchAssets(query, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });

export function useLibraryResults(query: SearchQuery, listing: AssetFilters | null) {
  return useInfiniteQuery(libraryResultsQuery(query, listing));
}

/** The search's query as a bulk action's filter (the filter takes no words). */
export function asFilter(query: SearchQuery): AssetFilter {
  const words = new Set(["q", "mode", "sort"]);
  const filter = Object.fromEntries(Object.entries(query).filter(([name]) => !words.has(name)));
  return { ...filter, trashed: false };
}
