import { NumberInput, Select, SimpleGrid, Slider, Stack, Text, TextInput, Textarea } from "@mantine/core";

import type { ApiError } from "@/lib/api-error";

import type { EditKind } from "../edit-kinds";
import { type EditValues, type LightDirection, paramError } from "../hooks/use-edit-values";
import { OverlayFields } from "./overlay-fields";

interface KindFieldsProps {
  kind: EditKind;
  values: EditValues;
  update: (patch: Partial<EditValues>) => void;
  error: ApiError | null;
}

const LIGHT: readonly LightDirection[] = ["left", "right", "above", "below"];

type TextField = "prompt" | "negativePrompt" | "searchPrompt" | "selectPrompt" | "backgroundPrompt" | "foregroundPrompt";

/** The params of the chosen kind (the mask and outpaint sides have their own tools). */
export function KindFields({ kind, values, update, error }: KindFieldsProps) {
  const text = (name: TextField, param: string, label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={values[name]}
      error={paramError(error, param)}
      onChange={(event) => {
        update({ [name]: event.currentTarget.value });
      }}
    />
  );
  const usesPrompt = kind === "edit.inpaint" || kind === "edit.search_replace" || kind === "edit.search_recolor";
  const usesNegative = usesPrompt || kind === "edit.replace_background";
  const usesGrow = kind === "edit.erase" || usesPrompt;
  return (
    <Stack gap="sm">
      {kind === "edit.search_replace" && text("searchPrompt", "search_prompt", "Find", true)}
      {kind === "edit.search_recolor" && text("selectPrompt", "select_prompt", "What to recolour", true)}
      {usesPrompt && text("prompt", "prompt", kind === "edit.search_recolor" ? "New colours" : "Replace with", true)}
      {kind === "edit.outpaint" && text("prompt", "prompt", "What the new area shows (optional)")}
      {kind === "edit.outpaint" && (
        <Stack gap={2}>
          <Text size="sm" fw={500} aria-hidden>
            Creativity: {values.creativity.toFixed(2)}
          </Text>
          <Slider
            min={0}
            max={1}
            step={0.05}
            value={values.creativity}
            onChange={(creativity) => {
              update({ creativity });
            }}
            thumbLabel="Creativity"
            label={null}
          />
        </Stack>
      )}
      {kind === "edit.instruct" && (
        <Textarea
          label="Instruction"
          required
          autosize
          minRows={2}
          value={values.instruction}
          error={paramError(error, "instruction")}
          onChange={(event) => {
            update({ instruction: event.currentTarget.value });
          }}
        />
      )}
      {kind === "edit.replace_background" && (
        <>
          {text("backgroundPrompt", "background_prompt", "New background")}
          {text("foregroundPrompt", "foreground_prompt", "The subject (optional)")}
          <Select
            label="Light from"
            placeholder="as the background lights it"
            clearable
            data={LIGHT}
            value={values.lightDirection}
            onChange={(direction) => {
              update({ lightDirection: LIGHT.find((d) => d === direction) ?? null });
            }}
          />
        </>
      )}
      {(kind === "edit.text_overlay" || kind === "edit.watermark") && (
        <OverlayFields
          kind={kind}
          values={values.overlay}
          update={(patch) => {
            update({ overlay: { ...values.overlay, ...patch } });
          }}
          error={error}
        />
      )}
      {usesNegative && text("negativePrompt", "negative_prompt", "Negative prompt (optional)")}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {usesGrow && (
          <NumberInput
            label="Grow mask (px)"
            placeholder="the API's default"
            min={0}
            allowDecimal={false}
            value={values.growMask ?? ""}
            error={paramError(error, "grow_mask")}
            onChange={(value) => {
              update({ growMask: typeof value === "number" ? value : null });
            }}
          />
        )}
        <NumberInput
          label="Seed"
          placeholder="random"
          min={0}
          allowDecimal={false}
          value={values.seed ?? ""}
          error={paramError(error, "seed")}
          onChange={(value) => {
            update({ seed: typeof value === "number" ? value : null });
          }}
        />
      </SimpleGrid>
    </Stack>
  );
}
