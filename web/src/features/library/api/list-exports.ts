import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type ExportRecord = Schemas["ExportPublic"];

/** `GET /v1/exports`: the job, batch and collection archives downloaded, newest first. */
export async function listExports(): Promise<ExportRecord[]> {
  const page = await unwrap(api.GET("/v1/exports", { params: { query: { limit: 50 } } }));
  return page.items;
}

export const exportsQuery = queryOptions({ queryKey: ["exports"], queryFn: listExports });

export function useExports() {
  return useQuery(exportsQuery);
}
