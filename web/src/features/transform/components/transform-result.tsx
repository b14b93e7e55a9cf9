import { Group, Loader, Stack, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { useObjectUrl } from "@/components/ui/asset-image";
import { DownloadAssetButton } from "@/components/ui/download-asset-button";
import { useAssetContent } from "@/lib/api/asset-content";
import type { Job } from "@/lib/api/create-job";
import { useAssets } from "@/lib/api/list-assets";
import type { Asset } from "@/lib/api/upload-file";
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

/** An output's download, with what it is. */
function DownloadAsset({ asset }: { asset: Asset }) {
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <DownloadAssetButton
          assetId={asset.id}
          filename={`${asset.id}.${asset.format}`}
          label={`Download ${asset.role === "poster" ? "poster" : asset.format.toUpperCase()}`}
        />
        <Text size="sm" c="dimmed">
          {describe(asset)}
        </Text>
      </Group>
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
