import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

import { PAGE_SIZE, type ResultsPage } from "./search-assets";

/** `GET /v1/trash`: the trash, newest first, each asset with its `trashed_at` and `purge_at`. */
export async function listTrash(cursor?: string): Promise<ResultsPage> {
  const page = await unwrap(api.GET("/v1/trash", { params: { query: { cursor, limit: PAGE_SIZE } } }));
  return { items: page.items, next: page.next ?? null, total: page.total };
}

export const trashQuery = infiniteQueryOptions({
  queryKey: ["trash"],
  queryFn: ({ pageParam }) => listTrash(pageParam),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page) => page.next ?? undefined,
});

export function useTrash() {
  return useInfiniteQuery(trashQuery);
}
