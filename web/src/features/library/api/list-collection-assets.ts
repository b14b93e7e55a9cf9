import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

import { PAGE_SIZE, type ResultsPage } from "./search-assets";

/** `GET /v1/collections/{id}/assets`: the collection's assets in its own order. */
export async function listCollectionAssets(collectionId: string, cursor?: string): Promise<ResultsPage> {
  const page = await unwrap(
    api.GET("/v1/collections/{collection_id}/assets", {
      params: { path: { collection_id: collectionId }, query: { cursor, limit: PAGE_SIZE } },
    }),
  );
  return { items: page.items, next: page.next ?? null, total: page.total };
}

export const collectionAssetsQuery = (collectionId: string) =>
  infiniteQueryOptions({
    queryKey: ["collections", collectionId, "assets"],
    queryFn: ({ pageParam }) => listCollectionAssets(collectionId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });

export function useCollectionAssets(collectionId: string) {
  return useInfiniteQuery(collectionAssetsQuery(collectionId));
}
