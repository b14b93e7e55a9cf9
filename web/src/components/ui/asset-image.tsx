import { Center, Image, Loader, Text } from "@mantine/core";
import { useEffect, useMemo } from "react";

import { useAssetContent } from "@/lib/api/asset-content";

/** An object URL for a Blob, revoked when it changes or the component goes. */
export function useObjectUrl(blob: Blob | undefined): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}

interface AssetImageProps {
  assetId: string;
  alt: string;
  height?: number | string;
  fit?: "contain" | "cover";
}

/** An image asset, fetched with the API key (an `<img src>` could not send it). */
export function AssetImage({ assetId, alt, height = 240, fit = "contain" }: AssetImageProps) {
  const content = useAssetContent(assetId);
  const url = useObjectUrl(content.data);
  if (content.isError) {
    return (
      <Center h={height}>
        <Text c="red" size="sm">
          Could not load {assetId}
        </Text>
      </Center>
    );
  }
  if (!url) {
    return (
      <Center h={height}>
        <Loader size="sm" aria-label="loading image" />
      </Center>
    );
  }
  return <Image src={url} alt={alt} h={height} fit={fit} data-asset-id={assetId} />;
}
