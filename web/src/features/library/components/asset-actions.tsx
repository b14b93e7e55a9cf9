import { Button, Group, Stack } from "@mantine/core";
import { Link } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Asset } from "@/lib/api/upload-file";

import { useDownloadAsset } from "@/lib/api/download-asset";
import { IMAGE_STUDIOS } from "@/lib/studios";

import { downloadName } from "../download-name";

interface AssetActionsProps {
  asset: Asset;
  onShowDerived: (assetId: string) => void;
}

/** Download the asset, open it in a studio, or list what was made from it. */
export function AssetActions({ asset, onShowDerived }: AssetActionsProps) {
  const download = useDownloadAsset();
  const isImage = asset.content_type.startsWith("image/");
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
    </Stack>
  );
}
