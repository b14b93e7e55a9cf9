import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { api, unwrap } from "@/lib/api-client";
import { type StreamState, followEvents } from "@/lib/event-stream";

import { untilRelease } from "../schedule";
import type { Batch } from "./submit-batch";

const REFRESH_MS = 300;
const POLL_MS = 2000;

/** `GET /v1/batches/{id}`: jobs by status, cost so far, ETA. */
export function getBatch(batchId: string): Promise<Batch> {
  return unwrap(api.GET("/v1/batches/{batch_id}", { params: { path: { batch_id: batchId } } }));
}

export const batchQuery = (batchId: string) =>
  queryOptions({ queryKey: ["batches", batchId], queryFn: () => getBatch(batchId) });

/** While the batch runs or waits, its events refresh it (a burst of them makes one request). */
function useFollowBatch(batchId: string | null, live: boolean): StreamState | null {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState | null>(null);
  useEffect(() => {
    if (batchId === null || !live) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void client.invalidateQueries({ queryKey: batchQuery(batchId).queryKey });
      }, REFRESH_MS);
    };
    void followEvents({ batchId }, abort.signal, { onEvent: refresh, onState: setState });
    return () => {
      abort.abort();
      clearTimeout(timer);
      setState(null);
    };
  }, [client, batchId, live]);
  return state;
}

/** How soon to read the batch again: often while it runs, at its release while it is scheduled. */
function pollDelay(batch: Batch | undefined): number | false {
  if (batch?.status === "running") return POLL_MS;
  return batch?.status === "scheduled" ? untilRelease(batch.scheduled_at) : false;
}

/** The batch, live while it runs or waits: refreshed on its event stream, and polled in case the stream lags. */
export function useBatch(batchId: string | null) {
  const client = useQueryClient();
  const query = useQuery({
    ...batchQuery(batchId ?? ""),
    enabled: batchId !== null,
    refetchInterval: (current) => pollDelay(current.state.data),
  });
  const live = query.data?.status === "running" || query.data?.status === "scheduled";
  const stream = useFollowBatch(batchId, live);
  const ended = query.data?.status === "completed";
  useEffect(() => {
    if (ended) void client.invalidateQueries({ queryKey: ["batches", "list"] });
  }, [client, ended]);
  return { query, stream };
}
