import { Center, Text } from "@mantine/core";

import { AssetImage } from "@/components/ui/asset-image";
import type { Asset } from "@/lib/api/upload-file";

/** What shows for an asset in a grid or list: its image, a video's poster, or its format. */
export function AssetThumbnail({ asset, height }: { asset: Asset; height: number }) {
  if (asset.content_type.startsWith("image/")) {
    const alt = asset.prompt ?? asset.filename ?? asset.kind;
    return <AssetImage assetId={asset.id} alt={alt} height={height} fit="cover" />;
  }
  if (asset.poster_id) {
    return <AssetImage assetId={asset.poster_id} alt={`Poster of ${asset.id}`} height={height} fit="cover" />;
  }
  return (
    <Center h={height} bg="gray.1">
      <Text size="sm" ff="monospace">
        {asset.format}
      </Text>
    </Center>
  );
}
