import { Box, NumberInput, SimpleGrid, Stack, Text } from "@mantine/core";
import { type PointerEvent, useRef } from "react";

import type { Side } from "../hooks/use-edit-values";
import { SHOWN, WorkingImage } from "./working-image";

const MAX_EXTEND = 2000;
const SIDES: { side: Side; label: string; axis: "x" | "y"; sign: 1 | -1 }[] = [
  { side: "left", label: "Left", axis: "x", sign: -1 },
  { side: "right", label: "Right", axis: "x", sign: 1 },
  { side: "up", label: "Up", axis: "y", sign: -1 },
  { side: "down", label: "Down", axis: "y", sign: 1 },
];

interface OutpaintFrameProps {
  assetId: string;
  width: number;
  height: number;
  extend: Record<Side, number>;
  onChange: (extend: Record<Side, number>) => void;
}

const clampExtend = (pixels: number) => Math.min(MAX_EXTEND, Math.max(0, Math.round(pixels)));

/** The image inside the canvas it will fill: drag a side's handle out, or type its pixels. */
export function OutpaintFrame({ assetId, width, height, extend, onChange }: OutpaintFrameProps) {
  const scale = Math.min(SHOWN.width / 2 / width, SHOWN.height / 2 / height);
  const drag = useRef<{ side: Side; start: number; from: number } | null>(null);

  const onPointerDown = (side: Side, axis: "x" | "y") => (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { side, start: axis === "x" ? event.clientX : event.clientY, from: extend[side] };
  };
  const onPointerMove = (axis: "x" | "y", sign: 1 | -1) => (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    const moved = ((axis === "x" ? event.clientX : event.clientY) - current.start) * sign;
    onChange({ ...extend, [current.side]: clampExtend(current.from + moved / scale) });
  };
  const stop = () => {
    drag.current = null;
  };

  return (
    <Stack gap="xs">
      <Box style={{ overflow: "auto", maxWidth: "100%" }}>
        <Box
          pos="relative"
          w={(width + extend.left + extend.right) * scale}
          h={(height + extend.up + extend.down) * scale}
          data-testid="outpaint-frame"
          style={{
            border: "2px dashed var(--mantine-color-violet-5)",
            background: "repeating-conic-gradient(var(--mantine-color-gray-1) 0 25%, white 0 50%) 0 0 / 16px 16px",
            boxSizing: "content-box",
          }}
        >
          <Box pos="absolute" left={extend.left * scale} top={extend.up * scale}>
            <WorkingImage assetId={assetId} width={width} height={height} fixedWidth={width * scale} />
          </Box>
          {SIDES.map(({ side, axis, sign }) => (
            <Box
              key={side}
              aria-hidden
              data-testid={`outpaint-handle-${side}`}
              onPointerDown={onPointerDown(side, axis)}
              onPointerMove={onPointerMove(axis, sign)}
              onPointerUp={stop}
              onPointerCancel={stop}
              pos="absolute"
              bg="violet.6"
              style={{
                ...handlePlace(side),
                borderRadius: 4,
                cursor: axis === "x" ? "ew-resize" : "ns-resize",
                touchAction: "none",
              }}
            />
          ))}
        </Box>
      </Box>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {SIDES.map(({ side, label }) => (
          <NumberInput
            key={side}
            label={`${label} (px)`}
            min={0}
            max={MAX_EXTEND}
            clampBehavior="strict"
            allowDecimal={false}
            value={extend[side]}
            onChange={(value) => {
              onChange({ ...extend, [side]: typeof value === "number" ? value : 0 });
            }}
          />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        New canvas {width + extend.left + extend.right}×{height + extend.up + extend.down} px (up to {MAX_EXTEND} px
        per side).
      </Text>
    </Stack>
  );
}

/** A bar centred on the side, half outside the frame so it can be grabbed at zero. */
function handlePlace(side: Side) {
  const bar = { long: "40px", thick: "10px" };
  switch (side) {
    case "left":
      return { left: -6, top: "50%", width: bar.thick, height: bar.long, transform: "translateY(-50%)" };
    case "right":
      return { right: -6, top: "50%", width: bar.thick, height: bar.long, transform: "translateY(-50%)" };
    case "up":
      return { top: -6, left: "50%", width: bar.long, height: bar.thick, transform: "translateX(-50%)" };
    case "down":
      return { bottom: -6, left: "50%", width: bar.long, height: bar.thick, transform: "translateX(-50%)" };
  }
}
