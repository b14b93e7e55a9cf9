/**
 * How one stream event changes a job as the board shows it, without asking the API: the event
 * carries the new status and, at the end, the cost, attempts and error.
 */
import type { Schemas } from "@/lib/api-client";
import type { Job } from "@/lib/api/create-job";
import type { JobEvent } from "@/lib/event-stream";

/** How far along the lifecycle a status is: a job never moves back. */
const RANK: Record<Job["status"], number> = {
  scheduled: -1,
  accepted: 0,
  approved: 1,
  running: 2,
  completed: 3,
  failed: 3,
  rejected: 3,
  cancelled: 3,
};

export function isAhead(a: Job, b: Job): boolean {
  return RANK[a.status] > RANK[b.status];
}

/** A job known only from its `accepted` event, until its record is fetched at its end. */
export function jobFromAccepted(event: JobEvent): Job {
  const data = event.data as Schemas["JobAccepted"];
  const id = event.job_id;
  return {
    id,
    kind: data.kind,
    status: "accepted",
    lane: data.lane,
    batch_id: event.batch_id ?? null,
    params: {},
    created_at: event.time,
    updated_at: event.time,
    asset_ids: [],
    attempts: [],
    failures: [],
    links: {
      self: `/v1/jobs/${id}`,
      events: `/v1/events?job_id=${id}`,
      assets: `/v1/assets?job_id=${id}`,
      archive: `/v1/jobs/${id}/archive`,
    },
  };
}

function moved(job: Job, status: Job["status"], time: string, changes: Partial<Job> = {}): Job {
  if (RANK[status] < RANK[job.status] || (RANK[job.status] === 3 && status !== job.status)) return job;
  return { ...job, ...changes, status, updated_at: time };
}

function finished(job: Job, event: JobEvent): Job {
  if (event.type === "studio.job.completed") {
    const data = event.data as Schemas["JobCompleted"];
    return moved(job, "completed", event.time, {
      provider: data.provider,
      model: data.model,
      cost: data.cost,
      attempts: data.attempts ?? [],
      failures: data.failures ?? [],
      asset_ids: data.assets.map((asset) => asset.id),
      progress: { percent: 100, message: "done" },
    });
  }
  if (event.type === "studio.job.failed") {
    const data = event.data as Schemas["JobFailed"];
    const error = { code: data.code, message: data.message, retriable: data.retriable };
    return moved(job, "failed", event.time, { error, attempts: data.attempts ?? [] });
  }
  if (event.type === "studio.job.rejected") {
    const data = event.data as Schemas["JobRejected"];
    return moved(job, "rejected", event.time, { error: { code: data.code, message: data.message, retriable: false } });
  }
  return moved(job, "cancelled", event.time);
}

/** The job after `event`; the same object when the event changes nothing. */
export function applyEvent(job: Job, event: JobEvent): Job {
  switch (event.type) {
    case "studio.job.approved":
      return moved(job, "approved", event.time);
    case "studio.job.started":
      return moved(job, "running", event.time);
    case "studio.job.progress":
      return moved(job, "running", event.time, { progress: event.data as Schemas["JobProgress"] });
    case "studio.job.completed":
    case "studio.job.failed":
    case "studio.job.rejected":
    case "studio.job.cancelled":
      return finished(job, event);
    default:
      return job;
  }
}

/**
 * A fetched record against what the board already shows: the record wins unless the stream
 * is further along (the record may lag the event that made the board fetch it).
 */
export function mergeRecord(shown: Job | undefined, record: Job): Job {
  return shown && isAhead(shown, record) ? shown : record;
}
