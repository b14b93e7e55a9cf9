import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, idempotencyKey, unwrap } from "@/lib/api-client";

import { type Delivery, deliveriesQuery } from "./list-deliveries";

/** `POST …/deliveries/{id}/redeliver`: send the event again, with the same `webhook-id`. */
export function redeliver(delivery: Delivery): Promise<Delivery> {
  return unwrap(
    api.POST("/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", {
      params: {
        path: { webhook_id: delivery.webhook_id, delivery_id: delivery.id },
        header: { "idempotency-key": idempotencyKey() },
      },
    }),
  );
}

export function useRedeliver() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: redeliver,
    onSuccess: (_, delivery) =>
      client.invalidateQueries({ queryKey: deliveriesQuery(delivery.webhook_id).queryKey }),
  });
}
