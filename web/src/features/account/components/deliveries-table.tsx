import { Badge, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { type Delivery, useDeliveries } from "../api/list-deliveries";
import { useRedeliver } from "../api/redeliver";

const STATUS_COLOURS: Record<Delivery["status"], string> = { pending: "gray", delivered: "green", failed: "red" };

function lastAttempt(delivery: Delivery): string {
  const last = delivery.attempts.at(-1);
  if (!last) return "not sent yet";
  const answer = last.status_code === null ? (last.error ?? "no answer") : `HTTP ${last.status_code}`;
  const tries = delivery.attempts.length;
  return `${answer} in ${last.duration_ms} ms (${tries} attempt${tries === 1 ? "" : "s"})`;
}

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  const redeliver = useRedeliver();
  return (
    <Table.Tr data-testid="delivery-row" data-delivery-id={delivery.id} data-status={delivery.status}>
      <Table.Td ff="monospace" fz="sm">
        {delivery.event_type}
        <Text size="xs" c="dimmed" ff="monospace">
          {delivery.id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOURS[delivery.status]} variant="dot">
          {delivery.status}
        </Badge>
      </Table.Td>
      <Table.Td fz="sm">
        {lastAttempt(delivery)}
        {delivery.next_attempt_at && (
          <Text size="xs" c="dimmed">
            next try {formatTime(delivery.next_attempt_at)}
          </Text>
        )}
      </Table.Td>
      <Table.Td fz="sm">{formatTime(delivery.created_at)}</Table.Td>
      <Table.Td>
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => {
            redeliver.mutate(delivery);
          }}
          loading={redeliver.isPending}
          aria-label={`Redeliver ${delivery.id}`}
        >
          Redeliver
        </Button>
        <ApiErrorAlert error={redeliver.error} title="Not redelivered" />
      </Table.Td>
    </Table.Tr>
  );
}

/** The events sent to one endpoint, newest first, each with its last answer. */
export function DeliveriesTable({ webhookId }: { webhookId: string }) {
  const deliveries = useDeliveries(webhookId);
  if (deliveries.isPending) return <Loader size="sm" aria-label="loading the deliveries" />;
  if (deliveries.isError) return <ApiErrorAlert error={deliveries.error} title="The deliveries could not be listed" />;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {deliveries.data.items.length === 0
            ? "Nothing sent yet: the events it asked for are delivered as jobs run."
            : `The newest ${deliveries.data.items.length} deliveries.`}
        </Text>
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => void deliveries.refetch()}
          loading={deliveries.isFetching}
        >
          Refresh the log
        </Button>
      </Group>
      {deliveries.data.items.length > 0 && <DeliveryList items={deliveries.data.items} webhookId={webhookId} />}
    </Stack>
  );
}

function DeliveryList({ items, webhookId }: { items: readonly Delivery[]; webhookId: string }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table fz="sm" aria-label={`Deliveries to ${webhookId}`} data-testid="deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last answer</Table.Th>
            <Table.Th>Sent</Table.Th>
            <Table.Th>Again</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
