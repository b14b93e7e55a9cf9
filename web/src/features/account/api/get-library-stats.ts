import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type LibraryStats = Schemas["LibraryStats"];

/** `GET /v1/library/stats`: for the account, its storage used (`totals.stored_bytes`). */
export function getLibraryStats(): Promise<LibraryStats> {
  return unwrap(api.GET("/v1/library/stats"));
}

export const libraryStatsQuery = queryOptions({ queryKey: ["library", "stats"], queryFn: getLibraryStats });

export function useLibraryStats() {
  return useQuery(libraryStatsQuery);
}
