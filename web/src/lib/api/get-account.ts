import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../api-client";

export type Account = Schemas["AccountPublic"];

export const accountQuery = queryOptions({
  queryKey: ["account"],
  queryFn: () => unwrap(api.GET("/v1/billing/account")),
  staleTime: 5_000,
});

/** The plan, balance and allowances; refreshed after every job that may have spent. */
export function useAccount() {
  return useQuery(accountQuery);
}
