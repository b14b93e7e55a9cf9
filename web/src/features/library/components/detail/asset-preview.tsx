import { Center, Loader, Text } from "@mantine/core";

import { AssetImage, useObjectUrl } from "@/components/ui/asset-image";
import { useAssetContent } from "@/lib/api/asset-content";
import type { Asset } from "@/lib/api/upload-file";

/** A video or audio asset, played from its fetched content. */
function MediaPreview({ asset }: { asset: Asset }) {
  const content = useAssetContent(asset.id);
  const url = useObjectUrl(content.data);
  if (content.isError) return <Text c="red">Could not load {asset.id}</Text>;
  if (!url) return <Loader size="sm" role="status" aria-label="loading media" />;
  if (asset.content_type.startsWith("audio/")) return <audio src={url} controls aria-label={`Audio ${asset.id}`} />;
  return <video src={url} controls style={{ width: "100%", maxHeight: 360 }} aria-label={`Video ${asset.id}`} />;
}

/** The asset itself: an image, a playable video or audio, or (3D, archives) its format. */
export function AssetPreview({ asset }: { asset: Asset }) {
  if (asset.content_type.startsWith("image/")) {
    return <AssetImage assetId={asset.id} alt={asset.prompt ?? asset.filename ?? asset.id} height={320} />;
  }
  if (asset.content_type.startsWith("video/") || asset.content_type.startsWith("audio/")) {
    return <MediaPreview asset={asset} />;
  }
  return (
    <Center h={120} bg="gray.1">
      <Text size="sm">A {asset.format} file: download it to open it (3D models preview in the Transform studio).</Text>
    </Center>
  );
}
