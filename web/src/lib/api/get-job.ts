import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "../api-client";
import type { Job } from "./create-job";

export function getJob(jobId: string): Promise<Job> {
  return unwrap(api.GET("/v1/jobs/{job_id}", { params: { path: { job_id: jobId } } }));
}

export const jobQuery = (jobId: string) =>
  queryOptions({ queryKey: ["jobs", jobId], queryFn: () => getJob(jobId) });

export function useJob(jobId: string | null) {
  return useQuery({ ...jobQuery(jobId ?? ""), enabled: jobId !== null });
}
