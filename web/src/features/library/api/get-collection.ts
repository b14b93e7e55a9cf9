import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

import type { Collection } from "./list-collections";

export function getCollection(collectionId: string): Promise<Collection> {
  return unwrap(api.GET("/v1/collections/{collection_id}", { params: { path: { collection_id: collectionId } } }));
}

export const collectionQuery = (collectionId: string) =>
  queryOptions({ queryKey: ["collections", collectionId], queryFn: () => getCollection(collectionId) });

export function useCollection(collectionId: string) {
  return useQuery(collectionQuery(collectionId));
}
