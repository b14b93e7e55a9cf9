import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type TagCount = Schemas["TagCount"];

/** `GET /v1/tags`: every tag on the tenant's assets (by hand and automatic), most used first. */
export async function listTags(): Promise<TagCount[]> {
  const answer = await unwrap(api.GET("/v1/tags", { params: { query: { limit: 500 } } }));
  return answer.items;
}

export const tagsQuery = queryOptions({ queryKey: ["tags"], queryFn: listTags, staleTime: 30_000 });

export function useTags() {
  return useQuery(tagsQuery);
}
