import { Loader, Stack, Table, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatBytes, formatTime } from "@/lib/format";

import { useExports } from "../../api/list-exports";

/** Every archive downloaded (job, batch, collection): what it held, when, by which key. */
export function ExportHistory() {
  const exports = useExports();
  return (
    <Stack gap="xs">
      {exports.isPending && <Loader size="sm" role="status" aria-label="loading the exports" />}
      <ApiErrorAlert error={exports.error} title="The exports could not be listed" />
      {exports.data?.length === 0 && <Text c="dimmed">No archives downloaded yet.</Text>}
      {exports.data && exports.data.length > 0 && (
        <Table.ScrollContainer
          minWidth={560}
          type="native"
          tabIndex={0}
          role="region"
          aria-label="Exports, scrolls sideways"
        >
          <Table withTableBorder data-testid="exports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Archive of</Table.Th>
                <Table.Th>Assets</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Key</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exports.data.map((record) => (
                <Table.Tr key={record.id}>
                  <Table.Td>{formatTime(record.at)}</Table.Td>
                  <Table.Td>
                    {record.kind}{" "}
                    <Text span ff="monospace" size="sm">
                      {record.of}
                    </Text>
                  </Table.Td>
                  <Table.Td>{record.count}</Table.Td>
                  <Table.Td>{record.bytes === null ? "—" : formatBytes(record.bytes)}</Table.Td>
                  <Table.Td ff="monospace">{record.actor}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
