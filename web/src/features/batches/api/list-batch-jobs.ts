import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type JobsPage = Schemas["JobsPublic"];
type Status = Schemas["JobStatus"];

const PAGE = 20;

/** `GET /v1/batches/{id}/jobs?status=`: the batch's newest jobs in one state. */
export function listBatchJobs(batchId: string, status: Status): Promise<JobsPage> {
  return unwrap(
    api.GET("/v1/batches/{batch_id}/jobs", {
      params: { path: { batch_id: batchId }, query: { status, limit: PAGE } },
    }),
  );
}

/** Keyed by how many jobs the batch counts in that state, so a change in the count refetches. */
export const batchJobsQuery = (batchId: string, status: Status, counted: number) =>
  queryOptions({
    queryKey: ["batches", batchId, "jobs", status, counted],
    queryFn: () => listBatchJobs(batchId, status),
  });

export function useBatchJobs(batchId: string, status: Status, counted: number) {
  return useQuery({ ...batchJobsQuery(batchId, status, counted), enabled: counted > 0 });
}
