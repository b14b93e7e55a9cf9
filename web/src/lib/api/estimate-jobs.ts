import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../api-client";
import type { JobCreate } from "./create-job";

export type Estimate = Schemas["EstimatePublic"];
export type Estimates = Schemas["EstimatesPublic"];

/** `POST /v1/estimate`: what the jobs would cost and whether they can run now (no charge). */
export function estimateJobs(jobs: JobCreate[]): Promise<Estimates> {
  return unwrap(api.POST("/v1/estimate", { body: { jobs } }));
}

export const estimateQuery = (jobs: JobCreate[]) =>
  queryOptions({
    queryKey: ["estimate", jobs],
    queryFn: () => estimateJobs(jobs),
    staleTime: 10_000,
    retry: false,
  });

/** The estimate of `job`, kept current as it changes (`null` while the form is incomplete). */
export function useEstimate(job: JobCreate | null) {
  return useQuery({ ...estimateQuery(job ? [job] : []), enabled: job !== null });
}
