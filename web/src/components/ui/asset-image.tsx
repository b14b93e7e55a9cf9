import { Center, Image, Loader, Text } from "@mantine/core";

import { useAssetContent } from "@/lib/api/asset-content";

const urls = new WeakMap<Blob, string>();
const revoker = new FinalizationRegistry<string>((url) => {
  URL.revokeObjectURL(url);
});

/**
 * One object URL per Blob, revoked once the Blob itself is gone (dropped from the query cache
 * and from every component), so a remount (StrictMode's included) never meets a revoked URL.
 */
export function objectUrl(blob: Blob): string {
  let url = urls.get(blob);
  if (url === undefined) {
    url = URL.createObjectURL(blob);
    urls.set(blob, url);
    revoker.register(blob, url);
  }
  return url;
}

/** The object URL of an asset's Blob, or null while it loads. */
export function useObjectUrl(blob: Blob | undefined): string | null {
  return blob ? objectUrl(blob) : null;
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
        <Loader size="sm" role="status" aria-label="loading image" />
      </Center>
    );
  }
  return <Image src={url} alt={alt} h={height} fit={fit} data-asset-id={assetId} />;
}
