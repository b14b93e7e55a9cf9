import { SegmentedControl, Stack, Text } from "@mantine/core";
import { useId } from "react";

import type { Quality } from "../hooks/use-edit-values";

const QUALITIES: readonly Quality[] = ["draft", "standard", "premium"];

/** The quality tier; draft runs the platform's own CPU engine (`local`) where the kind has one. */
export function QualityField({ value, onChange }: { value: Quality; onChange: (quality: Quality) => void }) {
  const label = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={label}>
        Quality
      </Text>
      <SegmentedControl
        aria-labelledby={label}
        data={[...QUALITIES]}
        value={value}
        onChange={(tier) => {
          onChange(QUALITIES.find((q) => q === tier) ?? value);
        }}
      />
      <Text size="xs" c="dimmed">
        Draft runs the platform&apos;s CPU engine (local) where this edit has one; the estimate shows where it runs.
      </Text>
    </Stack>
  );
}
