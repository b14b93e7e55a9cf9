import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { useDownloadAsset } from "@/lib/api/download-asset";
import type { Asset } from "@/lib/api/upload-file";
import { formatTime } from "@/lib/format";
import { IMAGE_STUDIOS } from "@/lib/studios";

import { useRestoreAsset } from "../../api/restore-asset";
import { useTrashAsset } from "../../api/trash-asset";
import { downloadName } from "../../download-name";
import { ConfirmButton } from "@/components/ui/confirm-button";

interface AssetActionsProps {
  asset: Asset;
  onShowDerived: (assetId: string) => void;
  /** The asset went to the trash. */
  onTrashed: () => void;
}

function InTrash({ asset }: { asset: Asset }) {
  const restore = useRestoreAsset();
  return (
    <Alert color="orange" title="In the trash" data-testid="asset-trashed">
      <Stack gap="xs">
        <Text size="sm">
          Deleted {asset.trashed_at ? formatTime(asset.trashed_at) : ""}
          {asset.purge_at ? `; gone for good ${formatTime(asset.purge_at)}` : ""}.
        </Text>
        <Group>
          <Button
            size="xs"
            onClick={() => {
              restore.mutate(asset.id);
            }}
            loading={restore.isPending}
          >
            Restore
          </Button>
        </Group>
        <ApiErrorAlert error={restore.error} title="It could not be restored" />
      </Stack>
    </Alert>
  );
}

/** Download the asset, open it in a studio, list what was made from it, or move it to the trash. */
export function AssetActions({ asset, onShowDerived, onTrashed }: AssetActionsProps) {
  const download = useDownloadAsset();
  const trash = useTrashAsset();
  const isImage = asset.content_type.startsWith("image/");
  if (asset.trashed_at) return <InTrash asset={asset} />;
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <Button
          onClick={() => {
            download.mutate({ assetId: asset.id, filename: downloadName(asset) });
          }}
          loading={download.isPending}
        >
          Download {asset.format}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            onShowDerived(asset.id);
          }}
        >
          Show what was made from it
        </Button>
        <ConfirmButton
          action="Move to trash"
          title="Move this asset to the trash?"
          size="sm"
          loading={trash.isPending}
          onConfirm={() => {
            trash.mutate(asset.id, { onSuccess: onTrashed });
          }}
        >
          It leaves the library and search, and can be restored from the Trash until it is purged.
        </ConfirmButton>
      </Group>
      {isImage && (
        <Group gap="xs" wrap="wrap" role="group" aria-label="Open in a studio">
          {IMAGE_STUDIOS.map((studio) => (
            <Button
              key={studio.path}
              component={Link}
              to={`${studio.path}?asset=${encodeURIComponent(asset.id)}`}
              variant="light"
              size="xs"
            >
              {studio.label}
            </Button>
          ))}
        </Group>
      )}
      <ApiErrorAlert error={download.error} title="The download failed" />
      <ApiErrorAlert error={trash.error} title="It could not be moved to the trash" />
    </Stack>
  );
}
