/**
 * Submit one job and follow it live: the job record is refetched on each of its events, so the
 * page always shows the API's own view (status, progress, attempts, cost, error, assets).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";

import { ApiError } from "./api-error";
import { type Job, type JobCreate, createJob } from "./api/create-job";
import { jobQuery } from "./api/get-job";
import { followEvents } from "./event-stream";

export const FINAL_STATUSES: ReadonlySet<Job["status"]> = new Set([
  "completed",
  "failed",
  "rejected",
  "cancelled",
]);

export interface JobRun {
  job: Job | undefined;
  /** The refusal of the submission itself (4xx), shown where the user acted. */
  error: ApiError | null;
  submitting: boolean;
  submit: (body: JobCreate) => Promise<Job | null>;
  reset: () => void;
}

function useFollow(jobId: string | null, done: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (jobId === null || done) return;
    const abort = new AbortController();
    const refresh = () => void client.invalidateQueries({ queryKey: jobQuery(jobId).queryKey });
    void followEvents({ jobIds: [jobId] }, abort.signal, { onEvent: refresh, onState: refresh });
    return () => {
      abort.abort();
    };
  }, [client, jobId, done]);
}

export function useJobRun(onFinished?: (job: Job) => void): JobRun {
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { data: job } = useQuery({ ...jobQuery(jobId ?? ""), enabled: jobId !== null });
  const done = job !== undefined && FINAL_STATUSES.has(job.status);
  useFollow(jobId, done);

  useEffect(() => {
    if (job && done) {
      void client.invalidateQueries({ queryKey: ["account"] });
      onFinished?.(job);
    }
  }, [client, job, done, onFinished]);

  const submit = useCallback(
    async (body: JobCreate) => {
      setError(null);
      setSubmitting(true);
      try {
        const accepted = await createJob(body);
        client.setQueryData(jobQuery(accepted.id).queryKey, accepted);
        setJobId(accepted.id);
        return accepted;
      } catch (caught) {
        if (!(caught instanceof ApiError)) throw caught;
        setError(caught);
        return null;
      } finally {
        setSubmitting(false);
      }
    },
    [client],
  );
  const reset = useCallback(() => {
    setJobId(null);
    setError(null);
  }, []);
  return { job, error, submitting, submit, reset };
}
