import { NumberInput, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useId } from "react";

import { usePlatforms } from "@/lib/api/list-catalog";

import type { Preset, UpscaleValues } from "../upscale-modes";

const PRESETS: { value: Preset; label: string; hint: string }[] = [
  { value: "none", label: "None", hint: "Four times each side, in the format chosen by the API." },
  { value: "web", label: "Web", hint: "Fast, 2048 px on the long side, an sRGB JPEG." },
  { value: "print", label: "Print", hint: "Conservative, 300 dpi at the print size, a PNG with the dpi written." },
  { value: "social", label: "Social", hint: "The size of a platform format." },
];

interface PresetFieldsProps {
  values: UpscaleValues;
  update: (patch: Partial<UpscaleValues>) => void;
}

/** The `upscale.auto` presets, with the print size or platform format they need. */
export function PresetFields({ values, update }: PresetFieldsProps) {
  const label = useId();
  const platforms = usePlatforms();
  const hint = PRESETS.find((preset) => preset.value === values.preset)?.hint;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id={label}>
        Preset
      </Text>
      <SegmentedControl
        aria-labelledby={label}
        data={PRESETS.map(({ value, label: name }) => ({ value, label: name }))}
        value={values.preset}
        onChange={(next) => {
          update({ preset: PRESETS.find((preset) => preset.value === next)?.value ?? "none" });
        }}
      />
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
      {values.preset === "print" && (
        <>
          <NumberInput
            label="Print width (mm)"
            min={1}
            value={values.printWidthMm}
            onChange={(next) => {
              update({ printWidthMm: Number(next) });
            }}
          />
          <NumberInput
            label="Print height (mm)"
            min={1}
            value={values.printHeightMm}
            onChange={(next) => {
              update({ printHeightMm: Number(next) });
            }}
          />
        </>
      )}
      {values.preset === "social" && (
        <Select
          label="Platform format"
          data={(platforms.data?.items ?? []).map((format) => ({
            value: format.id,
            label: `${format.id} (${format.width}×${format.height})`,
          }))}
          value={values.platformFormat}
          onChange={(next) => {
            if (next) update({ platformFormat: next });
          }}
          allowDeselect={false}
        />
      )}
    </Stack>
  );
}
