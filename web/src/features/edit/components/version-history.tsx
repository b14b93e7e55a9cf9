import { Badge, Button, Group, Loader, Stack, Text, Title } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetImage } from "@/components/ui/asset-image";
import { formatTime } from "@/lib/format";

import { useVersions } from "../api/list-versions";
import { useRevertAsset } from "../api/revert-asset";
import { EDIT_KINDS } from "../edit-kinds";

interface VersionHistoryProps {
  workingId: string;
  /** The version a revert made: the new working image. */
  onReverted: (assetId: string) => void;
}

function kindLabel(kind: string): string {
  if (kind === "upload" || kind === "generate") return `Original (${kind})`;
  if (kind === "revert") return "Revert";
  return EDIT_KINDS.find((info) => info.kind === kind)?.label ?? kind;
}

/** The working image's version chain, the original first; reverting to one adds it again as the newest. */
export function VersionHistory({ workingId, onReverted }: VersionHistoryProps) {
  const versions = useVersions(workingId);
  const revert = useRevertAsset(onReverted);
  return (
    <Stack gap="xs" component="section" aria-labelledby="versions-title">
      <Title order={2} size="h4" id="versions-title">
        Version history
      </Title>
      <Text size="xs" c="dimmed">
        Every edit is kept as a new version. Reverting adds a new version with that version&apos;s image and makes it
        the working image (nothing is deleted).
      </Text>
      <ApiErrorAlert error={versions.error} title="The versions could not be read" />
      <ApiErrorAlert error={revert.error} title="The revert was refused" />
      {versions.isPending && <Loader size="sm" role="status" aria-label="loading versions" />}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: "none" }} data-testid="versions">
        {versions.data?.items.map((version, index) => {
          const working = version.id === workingId;
          return (
            <Group
              key={version.id}
              component="li"
              gap="sm"
              wrap="nowrap"
              data-asset-id={version.id}
              aria-current={working ? "true" : undefined}
            >
              <div style={{ width: 72, flexShrink: 0 }}>
                <AssetImage assetId={version.id} alt={`Version ${index + 1}`} height={56} fit="cover" />
              </div>
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {index + 1}. {kindLabel(version.kind)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatTime(version.created_at)} · {version.width}×{version.height}
                </Text>
                {working ? (
                  <Badge variant="light" size="sm">
                    working image
                  </Badge>
                ) : (
                  <Button
                    size="compact-xs"
                    variant="default"
                    aria-label={`Revert to this version: ${index + 1}, ${kindLabel(version.kind)}`}
                    loading={revert.isPending && revert.variables.versionId === version.id}
                    disabled={revert.isPending}
                    onClick={() => {
                      revert.mutate({ assetId: workingId, versionId: version.id });
                    }}
                  >
                    Revert to this version
                  </Button>
                )}
              </Stack>
            </Group>
          );
        })}
      </Stack>
    </Stack>
  );
}
