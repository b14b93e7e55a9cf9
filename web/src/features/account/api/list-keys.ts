import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type ApiKey = Schemas["ApiKeyPublic"];

/** `GET /v1/keys`: every key of the tenant, revoked ones too, oldest first (never the secret). */
export const keysQuery = queryOptions({
  queryKey: ["account", "keys"],
  queryFn: () => unwrap(api.GET("/v1/keys")),
});

export function useKeys() {
  return useQuery(keysQuery);
}
