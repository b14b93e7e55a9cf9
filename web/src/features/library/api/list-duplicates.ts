import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Duplicates = Schemas["DuplicatesPublic"];

/** `GET /v1/assets/duplicates`: groups of near-identical images, largest first. */
export function listDuplicates(): Promise<Duplicates> {
  return unwrap(api.GET("/v1/assets/duplicates", { params: { query: { limit: 50 } } }));
}

export const duplicatesQuery = queryOptions({ queryKey: ["assets", "duplicates"], queryFn: listDuplicates });

export function useDuplicates() {
  return useQuery(duplicatesQuery);
}
