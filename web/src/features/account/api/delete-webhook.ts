import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

import { webhooksQuery } from "./list-webhooks";

/** `DELETE /v1/webhooks/{id}`: no more deliveries to it. */
export async function deleteWebhook(webhookId: string): Promise<void> {
  await unwrap(api.DELETE("/v1/webhooks/{webhook_id}", { params: { path: { webhook_id: webhookId } } }));
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksQuery.queryKey }),
  });
}
