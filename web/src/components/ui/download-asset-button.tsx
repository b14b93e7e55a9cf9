import { Button } from "@mantine/core";

import { type AssetDownload, useDownloadAsset } from "@/lib/api/download-asset";

import { ApiErrorAlert } from "./api-error-alert";

/** A button saving an asset's file (its bytes need the key, so it cannot be a plain link). */
export function DownloadAssetButton({ label, ...download }: AssetDownload & { label: string }) {
  const mutation = useDownloadAsset();
  return (
    <>
      <Button
        size="xs"
        variant="light"
        loading={mutation.isPending}
        onClick={() => {
          mutation.mutate(download);
        }}
      >
        {label}
      </Button>
      <ApiErrorAlert error={mutation.error} title="The download failed" />
    </>
  );
}
