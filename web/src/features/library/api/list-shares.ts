import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Share = Schemas["SharePublic"];

/** `GET /v1/shares`: the tenant's links, newest first (the latest 100). */
export async function listShares(): Promise<Share[]> {
  const page = await unwrap(api.GET("/v1/shares", { params: { query: { limit: 100 } } }));
  return page.items;
}

export const sharesQuery = queryOptions({ queryKey: ["shares"], queryFn: listShares });

export function useShares() {
  return useQuery(sharesQuery);
}
