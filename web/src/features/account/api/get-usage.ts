import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type UsageRow = Schemas["UsageRow"];

/** `GET /v1/billing/usage` from `since` (a `YYYY-MM-DD` day) to today: per day, operation, provider. */
export function getUsage(since: string): Promise<Schemas["UsagePublic"]> {
  return unwrap(api.GET("/v1/billing/usage", { params: { query: { since } } }));
}

export const usageQuery = (since: string) =>
  queryOptions({ queryKey: ["account", "usage", since], queryFn: () => getUsage(since) });

export function useUsage(since: string) {
  return useQuery(usageQuery(since));
}
