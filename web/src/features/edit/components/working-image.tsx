import { Box, Center, Loader, Text } from "@mantine/core";
import type { ReactNode } from "react";

import { useObjectUrl } from "@/components/ui/asset-image";
import { useAssetContent } from "@/lib/api/asset-content";

/** The longest the working image is shown, in CSS pixels (a larger image is scaled down). */
export const SHOWN = { width: 640, height: 480 };

/** The CSS width the image is shown at: it fits {@link SHOWN} and the column. */
export function shownWidth(width: number, height: number): string {
  return `min(100%, ${Math.round(Math.min(SHOWN.width, (SHOWN.height * width) / height))}px)`;
}

interface WorkingImageProps {
  assetId: string;
  width: number;
  height: number;
  /** Shown at exactly this CSS width instead of fitting the column. */
  fixedWidth?: number;
  /** Drawn over the image (a mask canvas, a cursor), in a box of the image's shown size. */
  children?: ReactNode;
}

/** The image being edited, fetched with the key, at a size that fits the page. */
export function WorkingImage({ assetId, width, height, fixedWidth, children }: WorkingImageProps) {
  const content = useAssetContent(assetId);
  const url = useObjectUrl(content.data);
  if (content.isError) return <Text c="red.8">Could not load {assetId}.</Text>;
  if (!url) {
    return (
      <Center h={200}>
        <Loader size="sm" role="status" aria-label="loading the image" />
      </Center>
    );
  }
  return (
    <Box pos="relative" w={fixedWidth ?? shownWidth(width, height)} style={{ aspectRatio: `${width} / ${height}` }}>
      <img
        src={url}
        alt={`Working image ${assetId}`}
        data-asset-id={assetId}
        data-testid="working-image"
        style={{ display: "block", width: "100%", height: "100%" }}
      />
      {children}
    </Box>
  );
}
