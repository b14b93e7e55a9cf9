import { Badge, Button, Card, Group, Loader, Stack, Text } from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { useDeleteWebhook } from "../api/delete-webhook";
import { type Webhook, useWebhooks } from "../api/list-webhooks";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DeliveriesTable } from "./deliveries-table";
import { Section } from "./section";
import { WebhookForm } from "./webhook-form";

function WebhookCard({ webhook }: { webhook: Webhook }) {
  const [showLog, setShowLog] = useState(false);
  const remove = useDeleteWebhook();
  const logId = `deliveries-${webhook.id}`;
  return (
    <Card withBorder padding="sm" data-testid="webhook" data-webhook-id={webhook.id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Text fw={500} style={{ wordBreak: "break-all" }}>
              {webhook.url}
            </Text>
            <Text size="xs" c="dimmed">
              {webhook.description ? `${webhook.description} · ` : ""}
              {webhook.id} · added {formatTime(webhook.created_at)}
            </Text>
          </div>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              aria-expanded={showLog}
              aria-controls={showLog ? logId : undefined}
              onClick={() => {
                setShowLog((shown) => !shown);
              }}
            >
              {showLog ? "Hide delivery log" : "Delivery log"}
            </Button>
            <ConfirmButton
              action="Delete"
              label={`Delete ${webhook.url}`}
              title="Delete this endpoint?"
              onConfirm={() => {
                remove.mutate(webhook.id);
              }}
              loading={remove.isPending}
            >
              {webhook.url} gets no more events. Its delivery log goes with it.
            </ConfirmButton>
          </Group>
        </Group>
        <Group gap={4}>
          {webhook.events.map((type) => (
            <Badge key={type} variant="light" color="gray" tt="none">
              {type}
            </Badge>
          ))}
        </Group>
        <ApiErrorAlert error={remove.error} title="The endpoint was not deleted" />
        {showLog && (
          <div id={logId}>
            <DeliveriesTable webhookId={webhook.id} />
          </div>
        )}
      </Stack>
    </Card>
  );
}

/** Endpoints that get the tenant's job events (signed, retried), and what each was sent. */
export function Webhooks() {
  const webhooks = useWebhooks();
  return (
    <Section
      id="account-webhooks"
      title="Webhooks"
      intro={
        "The platform POSTs the job events you pick to your URL, signed (Standard Webhooks) " +
        "and retried for about a day until it answers 2xx."
      }
    >
      <WebhookForm />
      {webhooks.isPending && <Loader size="sm" aria-label="loading the webhooks" />}
      <ApiErrorAlert error={webhooks.error} title="The webhooks could not be listed" />
      {webhooks.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No endpoints yet.
        </Text>
      )}
      {webhooks.data?.items.map((webhook) => (
        <WebhookCard key={webhook.id} webhook={webhook} />
      ))}
    </Section>
  );
}
