import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Collection = Schemas["CollectionPublic"];

/** `GET /v1/collections`: newest first, each with its count, cover and cost (up to 100). */
export async function listCollections(): Promise<Collection[]> {
  const page = await unwrap(api.GET("/v1/collections", { params: { query: { limit: 100 } } }));
  return page.items;
}

export const collectionsQuery = queryOptions({ queryKey: ["collections", "list"], queryFn: listCollections });

export function useCollections() {
  return useQuery(collectionsQuery);
}
