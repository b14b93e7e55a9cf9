import { Button, Loader, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { useBatches } from "../api/list-batches";
import { endedOf } from "./batch-meter";

interface RecentBatchesProps {
  openId: string | null;
  onOpen: (batchId: string) => void;
}

/** The tenant's newest batches, each with its progress, to reopen one. */
export function RecentBatches({ openId, onOpen }: RecentBatchesProps) {
  const batches = useBatches();
  const items = batches.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-batches">
      <Title order={2} size="h4" id="recent-batches">
        Recent batches
      </Title>
      {batches.isPending && <Loader aria-label="loading the batches" />}
      <ApiErrorAlert error={batches.error} />
      {batches.isSuccess && items.length === 0 && <Text c="dimmed">No batch yet.</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover aria-label="Recent batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Batch</Table.Th>
                <Table.Th>Submitted</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Jobs ended</Table.Th>
                <Table.Th>Credits</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Open</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((batch) => (
                <Table.Tr key={batch.id} bg={batch.id === openId ? "var(--mantine-color-violet-light)" : undefined}>
                  <Table.Td>{batch.name ?? <Text span ff="monospace" size="sm">{batch.id}</Text>}</Table.Td>
                  <Table.Td>{formatTime(batch.created_at)}</Table.Td>
                  <Table.Td>
                    {batch.status}
                    {batch.status === "scheduled" && batch.scheduled_at && ` until ${formatTime(batch.scheduled_at)}`}
                  </Table.Td>
                  <Table.Td>
                    {endedOf(batch.counts)} / {batch.jobs}
                  </Table.Td>
                  <Table.Td>{batch.cost.credits}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={`Open ${batch.name ?? batch.id}`}
                      aria-current={batch.id === openId ? "true" : undefined}
                      onClick={() => {
                        onOpen(batch.id);
                      }}
                    >
                      Open
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
