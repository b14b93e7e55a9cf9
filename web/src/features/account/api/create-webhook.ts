import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, idempotencyKey, unwrap, type Schemas } from "@/lib/api-client";

import { webhooksQuery } from "./list-webhooks";

export type WebhookCreate = Schemas["WebhookCreate"];
export type CreatedWebhook = Schemas["WebhookCreated"];

/** `POST /v1/webhooks`: the answer holds the signing secret, this once only. */
export function createWebhook(body: WebhookCreate): Promise<CreatedWebhook> {
  return unwrap(
    api.POST("/v1/webhooks", { body, params: { header: { "idempotency-key": idempotencyKey() } } }),
  );
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksQuery.queryKey }),
  });
}
