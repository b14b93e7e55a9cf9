import { Checkbox, ColorInput, NumberInput, Select, SimpleGrid, Slider, Stack, Text, TextInput, Textarea } from "@mantine/core";

import { AssetPicker } from "@/components/ui/asset-picker";
import type { ApiError } from "@/lib/api-error";

import { useBrandKits } from "@/lib/api/list-brand-kits";
import { ANCHORS, CORNERS, FONTS, type OverlayValues } from "../hooks/overlay-values";
import { paramError } from "../hooks/use-edit-values";

interface OverlayFieldsProps {
  kind: "edit.text_overlay" | "edit.watermark";
  values: OverlayValues;
  update: (patch: Partial<OverlayValues>) => void;
  error: ApiError | null;
}

/** The text overlay's and the watermark's fields; the brand kit lends its font and logo. */
export function OverlayFields({ kind, values, update, error }: OverlayFieldsProps) {
  const kits = useBrandKits();
  const kitOptions = (kits.data?.items ?? []).map((kit) => ({ value: kit.id, label: kit.name }));
  const shared = (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label="Brand kit"
        placeholder="none"
        clearable
        data={kitOptions}
        value={values.brandKit}
        error={paramError(error, "brand_kit")}
        onChange={(brandKit) => {
          update({ brandKit });
        }}
      />
      <TextInput
        label="Platform format (safe zone)"
        placeholder="e.g. ig.story"
        value={values.platformFormat}
        error={paramError(error, "platform_format")}
        onChange={(event) => {
          update({ platformFormat: event.currentTarget.value });
        }}
      />
    </SimpleGrid>
  );
  if (kind === "edit.watermark") {
    return (
      <Stack gap="sm">
        {shared}
        <AssetPicker
          label="Logo (default: the brand kit's)"
          value={values.logoAssetId}
          onChange={(logoAssetId) => {
            update({ logoAssetId });
          }}
        />
        <Select
          label="Corner"
          allowDeselect={false}
          data={CORNERS}
          value={values.corner}
          onChange={(corner) => {
            update({ corner: CORNERS.find((c) => c === corner) ?? values.corner });
          }}
        />
        <Text size="sm" fw={500} aria-hidden>
          Opacity: {values.opacity.toFixed(2)} · size: {Math.round(values.scale * 100)}% of the width
        </Text>
        <Slider min={0.05} max={1} step={0.05} value={values.opacity} thumbLabel="Opacity" label={null}
          onChange={(opacity) => { update({ opacity }); }} />
        <Slider min={0.05} max={1} step={0.05} value={values.scale} thumbLabel="Logo size" label={null}
          onChange={(scale) => { update({ scale }); }} />
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Textarea
        label="Text"
        required
        autosize
        minRows={2}
        value={values.text}
        error={paramError(error, "text") ?? paramError(error, "")}
        onChange={(event) => {
          update({ text: event.currentTarget.value });
        }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Font"
          allowDeselect={false}
          data={FONTS.map(({ value, label }) => ({ value, label }))}
          value={values.font}
          onChange={(font) => {
            update({ font: FONTS.find((f) => f.value === font)?.value ?? values.font });
          }}
        />
        <NumberInput
          label="Size (px)"
          placeholder="auto: the largest that fits"
          min={6}
          max={2000}
          allowDecimal={false}
          value={values.size ?? ""}
          onChange={(value) => {
            update({ size: typeof value === "number" ? value : null });
          }}
        />
        <ColorInput
          label="Colour"
          placeholder="auto: contrasts with the image"
          format="hex"
          withEyeDropper={false}
          value={values.color}
          onChange={(color) => {
            update({ color: color.toUpperCase() });
          }}
        />
        <Select
          label="Position"
          allowDeselect={false}
          data={ANCHORS}
          value={values.anchor}
          onChange={(anchor) => {
            update({ anchor: ANCHORS.find((a) => a === anchor) ?? values.anchor });
          }}
        />
        <ColorInput
          label="Band behind the text"
          placeholder="none"
          format="hex"
          withEyeDropper={false}
          value={values.band}
          onChange={(band) => {
            update({ band: band.toUpperCase() });
          }}
        />
        <NumberInput
          label="Margin (px)"
          min={0}
          max={2000}
          allowDecimal={false}
          value={values.margin}
          onChange={(value) => {
            update({ margin: typeof value === "number" ? value : 0 });
          }}
        />
      </SimpleGrid>
      <Checkbox
        label="Shadow"
        checked={values.shadow}
        onChange={(event) => {
          update({ shadow: event.currentTarget.checked });
        }}
      />
      {shared}
    </Stack>
  );
}
