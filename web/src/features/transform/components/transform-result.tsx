import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { useObjectUrl } from "@/components/ui/asset-image";
import { assetContentQuery, useAssetContent } from "@/lib/api/asset-content";
import type { Job } from "@/lib/api/create-job";
import { useAssets } from "@/lib/api/list-assets";
import type { Asset } from "@/lib/api/upload-file";
import { saveBlob } from "@/lib/download";
import { formatBytes, formatSeconds } from "@/lib/format";

import { ModelPreview } from "./model-preview";

const GLB = "model/gltf-binary";

/** A made video, playable, with its poster still. */
function VideoPlayer({ video }: { video: Asset }) {
  const content = useAssetContent(video.id);
  const poster = useAssetContent(video.poster_id ?? null);
  const url = useObjectUrl(content.data);
  const posterUrl = useObjectUrl(poster.data);
  if (!url) return <Loader aria-label="loading the video" />;
  return (
    <video
      controls
      src={url}
      poster={posterUrl ?? undefined}
      aria-label={`The video ${video.id}`}
      data-asset-id={video.id}
      style={{ width: "100%", maxWidth: 860, maxHeight: 480, background: "black", borderRadius: 8 }}
    />
  );
}

function describe(asset: Asset): string {
  const parts = [asset.format.toUpperCase(), formatBytes(asset.bytes)];
  if (asset.width && asset.height) parts.push(`${asset.width}×${asset.height}`);
  if (asset.duration_s) parts.push(formatSeconds(asset.duration_s));
  if (asset.content_type.startsWith("video/")) parts.push(asset.audio_codec ? `audio ${asset.audio_codec}` : "silent");
  return parts.join(" · ");
}

/** Save an asset's file (its bytes come with the key, so it cannot be a plain link). */
function DownloadAsset({ asset }: { asset: Asset }) {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveBlob(await client.query(assetContentQuery(asset.id)), `${asset.id}.${asset.format}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <Button variant="light" size="xs" loading={busy} onClick={() => void download()}>
          Download {asset.role === "poster" ? "poster" : asset.format.toUpperCase()}
        </Button>
        <Text size="sm" c="dimmed">
          {describe(asset)}
        </Text>
      </Group>
      <ApiErrorAlert error={error} title="Download failed" />
    </Stack>
  );
}

/** What a completed transform made: the video to play or the model to turn, and downloads. */
export function TransformResult({ job }: { job: Job }) {
  const assets = useAssets({ job_id: job.id }, 20);
  const made = assets.data?.pages.flatMap((page) => page.items) ?? [];
  const video = made.find((asset) => asset.role === "output" && asset.content_type.startsWith("video/"));
  const model = made.find((asset) => asset.content_type === GLB);
  if (assets.isPending) return <Loader aria-label="loading the result" />;
  return (
    <Stack gap="sm" data-testid="transform-result">
      <ApiErrorAlert error={assets.error} title="The result could not be listed" />
      {video && <VideoPlayer video={video} />}
      {model && <ModelPreview assetId={model.id} alt={`3D model ${model.id} made from ${job.id}`} />}
      {made.map((asset) => (
        <DownloadAsset key={asset.id} asset={asset} />
      ))}
    </Stack>
  );
}
