import { Button, Group } from "@mantine/core";
import { Link } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { useDownloadAsset } from "@/lib/api/download-asset";
import { IMAGE_STUDIOS } from "@/lib/studios";

/** What to do with one result: take it to a studio, download it, or see it in the library. */
export function ResultActions({ assetId, name }: { assetId: string; name: string }) {
  const download = useDownloadAsset();
  const asset = `?asset=${encodeURIComponent(assetId)}`;
  return (
    <>
      <Group gap={6} wrap="wrap" role="group" aria-label={`${name}: open in a studio`}>
        {IMAGE_STUDIOS.map((studio) => (
          <Button
            key={studio.path}
            component={Link}
            to={`${studio.path}${asset}`}
            size="compact-xs"
            variant="default"
            aria-label={`${studio.label}: ${name}`}
          >
            {studio.label}
          </Button>
        ))}
      </Group>
      <Group gap={6} wrap="wrap">
        <Button
          size="compact-xs"
          aria-label={`Download: ${name}`}
          loading={download.isPending}
          onClick={() => {
            download.mutate({ assetId });
          }}
        >
          Download
        </Button>
        <Button
          component={Link}
          to={`/library${asset}`}
          size="compact-xs"
          variant="default"
          aria-label={`Open in library: ${name}`}
        >
          Open in library
        </Button>
      </Group>
      <ApiErrorAlert error={download.error} title="The download failed" />
    </>
  );
}
