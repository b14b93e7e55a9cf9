/**
 * The live board's jobs, kept outside React so a thousand events a minute cost little: events
 * change rows in place, React is told at most every {@link NOTIFY_MS}, and the full record of a
 * job that reached its end is fetched in batches (one list call covers many jobs).
 */
import { isApiError } from "@/lib/api-error";
import type { Job } from "@/lib/api/create-job";
import type { JobEvent } from "@/lib/event-stream";
import { FINAL_STATUSES } from "@/lib/use-job-run";

import { applyEvent, isAhead, jobFromAccepted, mergeRecord } from "./apply-event";

const NOTIFY_MS = 100;
const FLUSH_MS = 300;
/** Wait after a failed fetch (unless the API says how long). */
const RETRY_MS = 2000;
/** Records fetched one by one per flush, beyond those the list call brought. */
const SINGLE_FETCHES = 8;
/** Times a record is asked for again while it lags the stream. */
const MAX_TRIES = 5;

export interface BoardSnapshot {
  /** Newest first (job ids are ULIDs: they sort by creation time). */
  jobs: readonly Job[];
  counts: Readonly<Record<Job["status"], number>>;
}

export interface RecordSource {
  one: (jobId: string) => Promise<Job>;
  /** The tenant's newest jobs (one page). */
  recent: () => Promise<readonly Job[]>;
}

function countStatuses(jobs: Iterable<Job>): Record<Job["status"], number> {
  const counts: Record<Job["status"], number> = {
    scheduled: 0,
    accepted: 0,
    approved: 0,
    running: 0,
    completed: 0,
    failed: 0,
    rejected: 0,
    cancelled: 0,
  };
  for (const job of jobs) counts[job.status] += 1;
  return counts;
}

export class JobBoardStore {
  private readonly jobs = new Map<string, Job>();
  /** Events of jobs the board has no row for yet, applied once their record arrives. */
  private readonly orphans = new Map<string, JobEvent[]>();
  private readonly wanted = new Set<string>();
  private readonly tries = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private snapshot: BoardSnapshot = { jobs: [], counts: countStatuses([]) };
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private flushing = false;

  constructor(private readonly source: RecordSource) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): BoardSnapshot => this.snapshot;

  applyEvent(event: JobEvent): void {
    const shown = this.jobs.get(event.job_id);
    if (!shown) {
      if (event.type === "studio.job.accepted") this.put(jobFromAccepted(event));
      else {
        this.orphans.set(event.job_id, [...(this.orphans.get(event.job_id) ?? []), event]);
        this.want(event.job_id);
      }
      return;
    }
    const next = applyEvent(shown, event);
    if (next === shown) return;
    this.put(next);
    if (FINAL_STATUSES.has(next.status)) this.want(next.id);
  }

  /** Records from the API, merged with what the stream already told. */
  mergeRecords(records: readonly Job[]): void {
    for (const record of records) {
      const shown = this.jobs.get(record.id);
      if (shown === record) continue;
      let job = mergeRecord(shown, record);
      for (const event of this.orphans.get(record.id) ?? []) job = applyEvent(job, event);
      this.orphans.delete(record.id);
      this.put(job);
      if (job !== record && isAhead(job, record) && FINAL_STATUSES.has(job.status)) this.want(record.id);
    }
  }

  /** Stop the timers (the board is gone); nothing more is fetched. */
  dispose(): void {
    for (const timer of [this.notifyTimer, this.flushTimer]) if (timer) clearTimeout(timer);
    this.notifyTimer = null;
    this.flushTimer = null;
  }

  private put(job: Job): void {
    this.jobs.set(job.id, job);
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = null;
      const jobs = [...this.jobs.values()].sort((a, b) => (a.id < b.id ? 1 : -1));
      this.snapshot = { jobs, counts: countStatuses(jobs) };
      for (const listener of this.listeners) listener();
    }, NOTIFY_MS);
  }

  private want(jobId: string): void {
    const tries = this.tries.get(jobId) ?? 0;
    if (tries >= MAX_TRIES) return;
    this.tries.set(jobId, tries + 1);
    this.wanted.add(jobId);
    this.scheduleFlush(FLUSH_MS);
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushing || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, delayMs);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const ids = [...this.wanted];
    this.wanted.clear();
    let delayMs = FLUSH_MS;
    try {
      const brought = ids.length > 1 ? await this.source.recent() : [];
      const byId = new Set(brought.map((job) => job.id));
      this.mergeRecords(brought.filter((job) => ids.includes(job.id) || !this.jobs.has(job.id)));
      const missing = ids.filter((id) => !byId.has(id));
      for (const id of missing.slice(SINGLE_FETCHES)) this.wanted.add(id);
      const fetched = await Promise.allSettled(missing.slice(0, SINGLE_FETCHES).map((id) => this.source.one(id)));
      this.mergeRecords(fetched.flatMap((result) => (result.status === "fulfilled" ? [result.value] : [])));
    } catch (error) {
      for (const id of ids) this.wanted.add(id);
      delayMs = isApiError(error) && error.retryAfterS !== null ? error.retryAfterS * 1000 : RETRY_MS;
    } finally {
      this.flushing = false;
    }
    if (this.wanted.size > 0) this.scheduleFlush(delayMs);
  }
}
