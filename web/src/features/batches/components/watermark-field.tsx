import { Checkbox, Select, Stack } from "@mantine/core";

import { useBrandKits } from "@/lib/api/list-brand-kits";

interface WatermarkFieldProps {
  /** The brand kit whose logo stamps the batch's images, or null for none. */
  brandKit: string | null;
  onChange: (brandKit: string | null) => void;
  /** The API's refusal of the kit (no logo...), shown on the field. */
  error?: string;
}

/** Whether every image the batch makes is watermarked with a brand kit's logo, and which kit's. */
export function WatermarkField({ brandKit, onChange, error }: WatermarkFieldProps) {
  const kits = useBrandKits();
  const withLogo = (kits.data?.items ?? []).filter((kit) => kit.logo_asset_id);
  const first = withLogo[0]?.id ?? null;
  return (
    <Stack gap="xs">
      <Checkbox
        label="Watermark every image with a brand kit's logo"
        description={
          withLogo.length
            ? "One edit.watermark job per image, priced in the estimate; videos and 3D models are left as they are"
            : "No brand kit has a logo yet: add one on a brand kit first"
        }
        disabled={!withLogo.length}
        checked={brandKit !== null}
        onChange={(event) => {
          onChange(event.currentTarget.checked ? first : null);
        }}
      />
      {brandKit !== null && (
        <Select
          label="Brand kit of the watermark"
          allowDeselect={false}
          data={withLogo.map((kit) => ({ value: kit.id, label: kit.name }))}
          value={brandKit}
          error={error}
          onChange={(next) => {
            onChange(next ?? first);
          }}
        />
      )}
    </Stack>
  );
}
