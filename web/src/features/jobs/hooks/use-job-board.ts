/**
 * The board's data: the recent jobs (`GET /v1/jobs`) merged with the tenant's live stream
 * (`GET /v1/events` without a filter: every job of the tenant).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";

import type { ApiError } from "@/lib/api-error";
import type { Job } from "@/lib/api/create-job";
import { accountQuery } from "@/lib/api/get-account";
import { getJob } from "@/lib/api/get-job";
import { type StreamState, followEvents } from "@/lib/event-stream";

import { listJobs, useJobs } from "../api/list-jobs";
import { type BoardSnapshot, JobBoardStore } from "../board/job-board-store";

export interface JobBoard {
  snapshot: BoardSnapshot;
  stream: StreamState;
  streamError: ApiError | null;
  list: ReturnType<typeof useJobs>;
}

function newStore(): JobBoardStore {
  return new JobBoardStore({ one: getJob, recent: async () => (await listJobs(null)).items });
}

const BALANCE_REFRESH_MS = 2000;

/** Jobs that end spend credits: the balance is read again, at most every couple of seconds. */
function useBalanceRefresh(snapshot: BoardSnapshot): void {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { completed, failed, rejected, cancelled } = snapshot.counts;
  const ended = completed + failed + rejected + cancelled;
  useEffect(() => {
    if (ended === 0 || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void client.invalidateQueries({ queryKey: accountQuery.queryKey });
    }, BALANCE_REFRESH_MS);
  }, [client, ended]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );
}

export function useJobBoard(status: Job["status"] | null): JobBoard {
  const client = useQueryClient();
  const [store] = useState(newStore);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [stream, setStream] = useState<StreamState>("connecting");
  const [streamError, setStreamError] = useState<ApiError | null>(null);
  const list = useJobs(status);

  useEffect(() => {
    if (list.data) store.mergeRecords(list.data.pages.flatMap((page) => page.items));
  }, [store, list.data]);

  useEffect(() => {
    const abort = new AbortController();
    let dropped = false;
    void followEvents({}, abort.signal, {
      onEvent: (event) => {
        store.applyEvent(event);
      },
      onState: (state) => {
        setStream(state);
        // a dropped connection resumes where it was; the list is read again all the same
        if (state === "reconnecting") dropped = true;
        if (state === "live" && dropped) void client.invalidateQueries({ queryKey: ["jobs", "list"] });
      },
      onError: setStreamError,
    });
    return () => {
      abort.abort();
      store.dispose();
    };
  }, [client, store]);

  useBalanceRefresh(snapshot);
  return { snapshot, stream, streamError, list };
}
