import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Delivery = Schemas["DeliveryPublic"];

/** `GET /v1/webhooks/{id}/deliveries`: the newest fifty events sent to it, with every attempt. */
export function listDeliveries(webhookId: string): Promise<Schemas["DeliveriesPublic"]> {
  return unwrap(
    api.GET("/v1/webhooks/{webhook_id}/deliveries", {
      params: { path: { webhook_id: webhookId }, query: { limit: 50 } },
    }),
  );
}

/** While a delivery is still being tried, the log is read again every few seconds. */
export const deliveriesQuery = (webhookId: string) =>
  queryOptions({
    queryKey: ["account", "webhooks", webhookId, "deliveries"],
    queryFn: () => listDeliveries(webhookId),
    refetchInterval: (query) => (query.state.data?.items.some((item) => item.status === "pending") ? 3000 : false),
  });

export function useDeliveries(webhookId: string) {
  return useQuery(deliveriesQuery(webhookId));
}
