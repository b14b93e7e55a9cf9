import { Badge, Group, Loader, Stack, Text, Title, UnstyledButton } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { useAssetVersions } from "../../api/get-asset-versions";
import { AssetThumbnail } from "../asset-thumbnail";

/** The asset's version chain (the original and every edit), oldest first; each one opens. */
export function AssetVersions({ assetId, onOpen }: { assetId: string; onOpen: (id: string) => void }) {
  const versions = useAssetVersions(assetId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="versions-title">
      <Title order={3} size="h5" id="versions-title">
        Versions
      </Title>
      {versions.isPending && <Loader size="sm" role="status" aria-label="loading versions" />}
      <ApiErrorAlert error={versions.error} title="The versions could not be listed" />
      {versions.data && (
        <Stack gap={6} data-testid="asset-versions">
          {versions.data.items.length === 1 && (
            <Text size="sm" c="dimmed">
              The only version: no edits made from it yet.
            </Text>
          )}
          {versions.data.items.map((version, index) => (
            <UnstyledButton
              key={version.id}
              onClick={() => {
                onOpen(version.id);
              }}
              aria-current={version.id === assetId ? "true" : undefined}
              aria-label={`Open version ${index + 1}, ${version.id}`}
              data-testid="asset-version"
            >
              <Group gap="sm" wrap="nowrap">
                <div style={{ width: 56, flexShrink: 0 }}>
                  <AssetThumbnail asset={version} height={42} />
                </div>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      v{index + 1} · {version.kind}
                    </Text>
                    {version.id === assetId && <Badge size="xs">this one</Badge>}
                  </Group>
                  <Text size="xs" c="dimmed" ff="monospace" truncate>
                    {version.id} · {formatTime(version.created_at)}
                  </Text>
                </Stack>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
