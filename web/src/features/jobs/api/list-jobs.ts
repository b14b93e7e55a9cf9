import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";
import type { Job } from "@/lib/api/create-job";

export type JobsPage = Schemas["JobsPublic"];
export const BOARD_PAGE = 100;

/** `GET /v1/jobs`: the tenant's jobs, newest first, optionally of one status. */
export function listJobs(status: Job["status"] | null, cursor?: string, limit = BOARD_PAGE): Promise<JobsPage> {
  return unwrap(api.GET("/v1/jobs", { params: { query: { status, cursor, limit } } }));
}

export const jobsQuery = (status: Job["status"] | null) =>
  infiniteQueryOptions({
    queryKey: ["jobs", "list", status],
    queryFn: ({ pageParam }) => listJobs(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });

export function useJobs(status: Job["status"] | null) {
  return useInfiniteQuery(jobsQuery(status));
}
