import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Webhook = Schemas["WebhookPublic"];

/** `GET /v1/webhooks`: the tenant's endpoints, newest first (the first hundred). */
export const webhooksQuery = queryOptions({
  queryKey: ["account", "webhooks"],
  queryFn: () => unwrap(api.GET("/v1/webhooks", { params: { query: { limit: 100 } } })),
});

export function useWebhooks() {
  return useQuery(webhooksQuery);
}
