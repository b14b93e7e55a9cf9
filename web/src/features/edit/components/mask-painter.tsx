import { Box, Button, Group, SegmentedControl, Slider, Stack, Text } from "@mantine/core";

import type { MaskPainting, Tool } from "../hooks/use-mask-painting";
import { WorkingImage } from "./working-image";

interface MaskPainterProps {
  assetId: string;
  width: number;
  height: number;
  painting: MaskPainting;
}

const TOOLS: { value: Tool; label: string }[] = [
  { value: "brush", label: "Brush" },
  { value: "eraser", label: "Eraser" },
];

/** The image with a canvas over it to paint the mask on: what is painted is what changes. */
export function MaskPainter({ assetId, width, height, painting }: MaskPainterProps) {
  const { canvas, tool, setTool, size, setSize, clear, cursor, handlers } = painting;
  return (
    <Stack gap="xs">
      <Group gap="md" wrap="wrap" align="end">
        <SegmentedControl
          aria-label="Mask tool"
          data={TOOLS}
          value={tool}
          onChange={(value) => {
            setTool(value === "eraser" ? "eraser" : "brush");
          }}
        />
        <Stack gap={2} miw={180} style={{ flex: 1 }}>
          <Text size="sm" fw={500} aria-hidden>
            Brush size: {size} px
          </Text>
          <Slider
            min={4}
            max={Math.max(8, Math.round(Math.min(width, height) / 2))}
            value={size}
            onChange={setSize}
            thumbLabel="Brush size"
            label={null}
          />
        </Stack>
        <Button variant="default" onClick={clear}>
          Clear mask
        </Button>
      </Group>
      <WorkingImage assetId={assetId} width={width} height={height}>
        <canvas
          ref={canvas}
          width={width}
          height={height}
          tabIndex={0}
          role="img"
          aria-label="Mask: drag over what to change; or use the arrow keys to move the brush, Space to paint, Shift+arrow to paint while moving"
          data-testid="mask-canvas"
          style={{ position: "absolute", inset: 0, width: "100%", height: "100%", opacity: 0.55, cursor: "crosshair", touchAction: "none" }}
          {...handlers}
        />
        {cursor && (
          <Box
            aria-hidden
            pos="absolute"
            style={{
              left: `${(cursor.x / width) * 100}%`,
              top: `${(cursor.y / height) * 100}%`,
              width: `${(size / width) * 100}%`,
              aspectRatio: "1",
              transform: "translate(-50%, -50%)",
              border: "2px solid var(--mantine-color-violet-6)",
              borderRadius: "50%",
              pointerEvents: "none",
            }}
          />
        )}
      </WorkingImage>
      <Text size="xs" c="dimmed">
        Painted areas are sent as the mask (white: change, black: keep), at the image&apos;s {width}×{height} px.
      </Text>
    </Stack>
  );
}
