import { Badge, Button, Group, Loader, Table, Text } from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { type LedgerEntry, useLedger } from "../api/list-ledger";
import { Section } from "./section";

const KIND_COLOURS: Record<LedgerEntry["kind"], string> = {
  grant: "green",
  pack: "green",
  reserve: "orange",
  capture: "violet",
  release: "blue",
};

function LedgerRow({ entry }: { entry: LedgerEntry }) {
  return (
    <Table.Tr
      data-testid="ledger-row"
      data-entry-id={entry.id}
      data-job-id={entry.job_id ?? ""}
      data-credits={entry.credits}
    >
      <Table.Td>{formatTime(entry.created_at)}</Table.Td>
      <Table.Td>
        <Badge color={KIND_COLOURS[entry.kind]} variant="dot">
          {entry.kind}
        </Badge>
      </Table.Td>
      <Table.Td ta="right" ff="monospace" c={entry.credits < 0 ? "red.9" : undefined}>
        {entry.credits > 0 ? `+${entry.credits.toLocaleString()}` : entry.credits.toLocaleString()}
      </Table.Td>
      <Table.Td ff="monospace" fz="sm">
        {entry.job_id ?? entry.memo ?? "—"}
      </Table.Td>
    </Table.Tr>
  );
}

/** Every credit movement, newest first, a page at a time (`GET /v1/billing/ledger`). */
export function LedgerTable() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const ledger = useLedger(cursor);
  const next = ledger.data?.next;
  return (
    <Section
      id="account-ledger"
      title="Ledger"
      intro={
        "A job reserves its estimate, then captures what it cost and releases the rest; " +
        "grants and packs add credits."
      }
    >
      <ApiErrorAlert error={ledger.error} title="The ledger could not be read" />
      {ledger.isPending && <Loader size="sm" aria-label="loading the ledger" />}
      {ledger.data && (
        <Table.ScrollContainer
          minWidth={600}
          type="native"
          tabIndex={0}
          role="region"
          aria-label="Ledger, scrolls sideways"
        >
          <Table striped aria-label="Ledger entries" data-testid="ledger">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th ta="right">Credits</Table.Th>
                <Table.Th>Job or memo</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ledger.data.items.map((entry) => (
                <LedgerRow key={entry.id} entry={entry} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {ledger.data?.items.length === 0 && <Text c="dimmed">No credit has moved yet.</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Page {cursors.length}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={cursors.length === 1}
            onClick={() => {
              setCursors((list) => list.slice(0, -1));
            }}
          >
            Newer
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!next || ledger.isPlaceholderData}
            onClick={() => {
              if (next) setCursors((list) => [...list, next]);
            }}
          >
            Older
          </Button>
        </Group>
      </Group>
    </Section>
  );
}
