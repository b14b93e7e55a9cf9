import { SegmentedControl, Slider, Stack, Text, TextInput } from "@mantine/core";
import { useId } from "react";

import { AUTO_HINT, MODES, type ModeChoice, type ModeInfo, type UpscaleValues } from "../upscale-modes";

const CHOICES = [{ value: "auto", label: "Auto" }, ...MODES.map((m) => ({ value: m.mode, label: m.label }))];

interface ModeFieldProps {
  choice: ModeChoice;
  onChange: (choice: ModeChoice) => void;
  info: ModeInfo | null;
}

/** The API's modes, and `auto`: the server's `upscale.auto`, which explains its choice. */
export function ModeField({ choice, onChange, info }: ModeFieldProps) {
  const label = useId();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id={label}>
        Mode
      </Text>
      <SegmentedControl
        aria-labelledby={label}
        data={CHOICES}
        value={choice}
        onChange={(next) => {
          onChange(MODES.find((m) => m.mode === next)?.mode ?? "auto");
        }}
      />
      <Text size="sm" c="dimmed">
        {info ? `${info.label}: ${info.hint}` : `Auto: ${AUTO_HINT}`}
      </Text>
    </Stack>
  );
}

interface PromptFieldsProps {
  creativity: NonNullable<ModeInfo["creativity"]>;
  values: UpscaleValues;
  update: (patch: Partial<UpscaleValues>) => void;
}

/** Conservative and creative upscales take a prompt and a creativity within the mode's range. */
export function PromptFields({ creativity, values, update }: PromptFieldsProps) {
  const value = values.creativity ?? creativity.initial;
  return (
    <Stack gap={6}>
      <TextInput
        label="Prompt"
        description="What the image shows, to guide the added detail."
        required
        value={values.prompt}
        onChange={(event) => {
          update({ prompt: event.currentTarget.value });
        }}
      />
      <TextInput
        label="Negative prompt (optional)"
        value={values.negativePrompt}
        onChange={(event) => {
          update({ negativePrompt: event.currentTarget.value });
        }}
      />
      <Text size="sm" fw={500} aria-hidden>
        Creativity: {value.toFixed(2)}
      </Text>
      <Slider
        min={creativity.min}
        max={creativity.max}
        step={0.05}
        value={value}
        onChange={(next) => {
          update({ creativity: next });
        }}
        thumbLabel="Creativity"
        label={null}
      />
    </Stack>
  );
}
