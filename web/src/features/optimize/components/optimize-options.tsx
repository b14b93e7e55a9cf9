import { NumberInput, SegmentedControl, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { useId } from "react";

import type { Schemas } from "@/lib/api-client";

type Params = Schemas["OptimizeParams"];
export type OptimizeChoice = Pick<Params, "level" | "mode" | "variants" | "previews">;

export const DEFAULT_CHOICE: OptimizeChoice = { level: "balanced", mode: "fill", variants: 1, previews: true };

const LEVELS: { value: Params["level"]; label: string }[] = [
  { value: "quality", label: "Quality" },
  { value: "balanced", label: "Balanced" },
  { value: "speed", label: "Speed" },
];
const MODES: { value: Params["mode"]; label: string }[] = [
  { value: "fill", label: "Fill (smart crop)" },
  { value: "fit", label: "Fit (pad)" },
];

interface OptimizeOptionsProps {
  value: OptimizeChoice;
  onChange: (change: Partial<OptimizeChoice>) => void;
}

/** How hard to encode, crop or pad, how many crops, and whether to make safe-zone previews. */
export function OptimizeOptions({ value, onChange }: OptimizeOptionsProps) {
  const levelLabel = useId();
  const modeLabel = useId();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      <Stack gap={4}>
        <Text size="sm" fw={500} id={levelLabel}>
          Encoder effort
        </Text>
        <SegmentedControl
          aria-labelledby={levelLabel}
          data={LEVELS}
          value={value.level}
          onChange={(level) => {
            onChange({ level });
          }}
        />
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500} id={modeLabel}>
          Framing
        </Text>
        <SegmentedControl
          aria-labelledby={modeLabel}
          data={MODES}
          value={value.mode}
          onChange={(mode) => {
            onChange({ mode });
          }}
        />
      </Stack>
      <NumberInput
        label="Crops per format (A/B)"
        min={1}
        max={4}
        clampBehavior="strict"
        allowDecimal={false}
        value={value.variants}
        onChange={(variants) => {
          if (typeof variants === "number") onChange({ variants });
        }}
      />
      <Switch
        mt="lg"
        label="Safe-zone previews in the zip"
        checked={value.previews}
        onChange={(event) => {
          onChange({ previews: event.currentTarget.checked });
        }}
      />
    </SimpleGrid>
  );
}
