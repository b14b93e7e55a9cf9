import { Badge, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { useAssetUsage } from "../../api/get-asset-usage";

const ACTIONS: Record<string, string> = {
  download: "Downloaded",
  share_view: "Share viewed",
  share_download: "Fetched by a share",
  archive: "In an archive",
};

/** Who used the asset and how: downloads by key, share views and fetches, archive entries. */
export function AssetUsage({ assetId }: { assetId: string }) {
  const usage = useAssetUsage(assetId);
  const totals = Object.entries(usage.data?.totals ?? {}).filter(([, count]) => count > 0);
  return (
    <Stack gap="xs" component="section" aria-labelledby="usage-title">
      <Title order={3} size="h5" id="usage-title">
        Usage
      </Title>
      {usage.isPending && <Loader size="sm" role="status" aria-label="loading usage" />}
      <ApiErrorAlert error={usage.error} title="The usage could not be read" />
      {usage.data && usage.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          Never downloaded, shared or archived.
        </Text>
      )}
      {totals.length > 0 && (
        <Group gap={6}>
          {totals.map(([action, count]) => (
            <Badge key={action} variant="light" color="gray" tt="none">
              {ACTIONS[action] ?? action}: {count}
            </Badge>
          ))}
        </Group>
      )}
      {usage.data && usage.data.items.length > 0 && (
        <Table.ScrollContainer
          minWidth={420}
          type="native"
          tabIndex={0}
          role="region"
          aria-label="Usage history, scrolls sideways"
        >
          <Table withTableBorder data-testid="asset-usage">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Rendition</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {usage.data.items.map((use) => (
                <Table.Tr key={use.id}>
                  <Table.Td>{formatTime(use.at)}</Table.Td>
                  <Table.Td>{ACTIONS[use.action] ?? use.action}</Table.Td>
                  <Table.Td ff="monospace">{use.actor}</Table.Td>
                  <Table.Td>{use.rendition ? (use.rendition.preset ?? "original") : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
