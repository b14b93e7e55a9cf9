import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

import { untilRelease } from "../schedule";

export type BatchesPage = Schemas["BatchesPublic"];

/** `GET /v1/batches`: the newest batches, each with its progress. */
export function listBatches(limit = 20): Promise<BatchesPage> {
  return unwrap(api.GET("/v1/batches", { params: { query: { limit } } }));
}

export const batchesQuery = (limit = 20) =>
  queryOptions({ queryKey: ["batches", "list", limit], queryFn: () => listBatches(limit) });

const POLL_MS = 3000;

/** How soon to read the list again: every few seconds while one runs, at the next release while one waits. */
function pollDelay(page: BatchesPage | undefined): number | false {
  const items = page?.items ?? [];
  if (items.some((batch) => batch.status === "running")) return POLL_MS;
  const waits = items.filter((batch) => batch.status === "scheduled").map((batch) => untilRelease(batch.scheduled_at));
  return waits.length > 0 ? Math.min(...waits) : false;
}

/** Refreshed while one of them runs or waits to. */
export function useBatches(limit = 20) {
  return useQuery({ ...batchesQuery(limit), refetchInterval: (query) => pollDelay(query.state.data) });
}
