import { Box, Center, Group, Loader, Slider, Stack, Text } from "@mantine/core";
import { useState } from "react";

import { useObjectUrl } from "@/components/ui/asset-image";
import { useAssetContent } from "@/lib/api/asset-content";
import type { Asset } from "@/lib/api/upload-file";

const SHOWN = { width: 720, height: 480 };

function useAssetUrl(assetId: string) {
  return useObjectUrl(useAssetContent(assetId).data);
}

/** The source and the result in one frame: left of the divider before, right of it after. */
export function CompareSlider({ before, after }: { before: Asset; after: Asset }) {
  const [position, setPosition] = useState(50);
  const beforeUrl = useAssetUrl(before.id);
  const afterUrl = useAssetUrl(after.id);
  const width = before.width ?? 1;
  const height = before.height ?? 1;
  if (!beforeUrl || !afterUrl) {
    return (
      <Center h={200}>
        <Loader size="sm" role="status" aria-label="loading the comparison" />
      </Center>
    );
  }
  const fill = { position: "absolute", inset: 0, width: "100%", height: "100%", objectFit: "contain" } as const;
  return (
    <Stack gap="xs" data-testid="compare">
      <Box
        pos="relative"
        w={`min(100%, ${Math.round(Math.min(SHOWN.width, (SHOWN.height * width) / height))}px)`}
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        <img src={beforeUrl} alt={`Before: ${before.id}`} data-asset-id={before.id} style={fill} />
        <img
          src={afterUrl}
          alt={`After: ${after.id}`}
          data-asset-id={after.id}
          style={{ ...fill, clipPath: `inset(0 0 0 ${position}%)` }}
        />
        <Box
          aria-hidden
          pos="absolute"
          top={0}
          bottom={0}
          w={2}
          bg="white"
          style={{ left: `${position}%`, boxShadow: "0 0 0 1px rgba(0,0,0,.4)" }}
        />
      </Box>
      <Slider
        value={position}
        onChange={setPosition}
        thumbLabel="Before and after: where the divider is (percent from the left)"
        label={(value) => `${value}%`}
        maw={SHOWN.width}
      />
      <Group gap="lg">
        <Text size="sm">
          Before (left): {before.width}×{before.height}
        </Text>
        <Text size="sm">
          After (right): {after.width}×{after.height}
        </Text>
      </Group>
    </Stack>
  );
}
