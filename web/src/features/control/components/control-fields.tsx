import { Select, SimpleGrid, Slider, Stack, Text, Textarea } from "@mantine/core";

import { useStyles } from "@/lib/api/list-catalog";

import { type ControlKindInfo, type ControlValues, STYLE_RATIOS } from "../control-kinds";

interface ControlFieldsProps {
  info: ControlKindInfo;
  values: ControlValues;
  update: (patch: Partial<ControlValues>) => void;
}

/** The prompt, style and strength of the chosen control kind. */
export function ControlFields({ info, values, update }: ControlFieldsProps) {
  const styles = useStyles();
  const transfer = info.kind === "control.style_transfer";
  const strength = values.strength ?? info.strength.initial;
  return (
    <Stack gap="sm">
      <Textarea
        label={transfer ? "Prompt (optional)" : "Prompt"}
        description="What the new image shows."
        required={!transfer}
        autosize
        minRows={2}
        value={values.prompt}
        onChange={(event) => {
          update({ prompt: event.currentTarget.value });
        }}
      />
      <Textarea
        label="Negative prompt (optional)"
        autosize
        minRows={1}
        value={values.negativePrompt}
        onChange={(event) => {
          update({ negativePrompt: event.currentTarget.value });
        }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {!transfer && (
          <Select
            label="Style preset"
            placeholder="none"
            searchable
            clearable
            data={(styles.data?.items ?? []).map((style) => ({ value: style.id, label: style.name }))}
            value={values.style}
            onChange={(style) => {
              update({ style });
            }}
          />
        )}
        {info.kind === "control.style" && (
          <Select
            label="Aspect ratio"
            allowDeselect={false}
            data={STYLE_RATIOS}
            value={values.aspectRatio}
            onChange={(ratio) => {
              update({ aspectRatio: STYLE_RATIOS.find((r) => r === ratio) ?? values.aspectRatio });
            }}
          />
        )}
      </SimpleGrid>
      <Stack gap={2}>
        <Text size="sm" fw={500} aria-hidden>
          {info.strength.label}: {strength.toFixed(2)}
        </Text>
        <Slider
          min={info.strength.min}
          max={1}
          step={0.05}
          value={strength}
          onChange={(value) => {
            update({ strength: value });
          }}
          thumbLabel={info.strength.label}
          label={null}
        />
        <Text size="xs" c="dimmed">
          How closely the result follows the {transfer ? "style image" : "control image"} ({info.strength.param}).
        </Text>
      </Stack>
    </Stack>
  );
}
