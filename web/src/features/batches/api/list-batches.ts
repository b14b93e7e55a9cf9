import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type BatchesPage = Schemas["BatchesPublic"];

/** `GET /v1/batches`: the newest batches, each with its progress. */
export function listBatches(limit = 20): Promise<BatchesPage> {
  return unwrap(api.GET("/v1/batches", { params: { query: { limit } } }));
}

export const batchesQuery = (limit = 20) =>
  queryOptions({ queryKey: ["batches", "list", limit], queryFn: () => listBatches(limit) });

/** Refreshed every few seconds while one of them runs. */
export function useBatches(limit = 20) {
  return useQuery({
    ...batchesQuery(limit),
    refetchInterval: (query) => (query.state.data?.items.some((batch) => batch.status === "running") ? 3000 : false),
  });
}
