import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../api-client";

export type OffPeakWindow = Schemas["OffPeakWindow"];

/** `GET /v1/off-peak-window`: the daily hours the tenant's off-peak batches run in. */
export const offPeakWindowQuery = queryOptions({
  queryKey: ["off-peak-window"],
  queryFn: () => unwrap(api.GET("/v1/off-peak-window")),
});

export function useOffPeakWindow() {
  return useQuery(offPeakWindowQuery);
}
