import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";
import { type OffPeakWindow, offPeakWindowQuery } from "@/lib/api/get-off-peak-window";

/** `PUT /v1/off-peak-window`: new hours; batches already scheduled keep their release time. */
export function setOffPeakWindow(window: OffPeakWindow): Promise<OffPeakWindow> {
  return unwrap(api.PUT("/v1/off-peak-window", { body: window }));
}

export function useSetOffPeakWindow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: setOffPeakWindow,
    onSuccess: (saved) => {
      client.setQueryData(offPeakWindowQuery.queryKey, saved);
    },
  });
}
