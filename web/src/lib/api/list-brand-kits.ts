import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type BrandKit = Schemas["BrandKitPublic"];

/** `GET /v1/brand-kits`: the tenant's brand kits, newest first (the first 100). */
export function listBrandKits(): Promise<Schemas["BrandKitsPublic"]> {
  return unwrap(api.GET("/v1/brand-kits", { params: { query: { limit: 100 } } }));
}

export const brandKitsQuery = queryOptions({
  queryKey: ["brand-kits", "list"],
  queryFn: listBrandKits,
  staleTime: 60_000,
});

export function useBrandKits() {
  return useQuery(brandKitsQuery);
}
