import { Select, SimpleGrid } from "@mantine/core";

import { type Style, useStyles, useTemplates } from "@/lib/api/list-catalog";

import { useBrandKits } from "@/lib/api/list-brand-kits";
import { type AspectRatio, type FieldsProps, paramError } from "../hooks/use-generate-form";

const ASPECT_RATIOS: readonly AspectRatio[] = [
  "1:1", "16:9", "9:16", "4:5", "5:4", "4:3", "3:4", "2:3", "3:2", "21:9", "9:21",
];

function styleGroups(styles: readonly Style[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const style of styles) {
    const items = groups.get(style.group) ?? [];
    items.push({ value: style.id, label: style.name });
    groups.set(style.group, items);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

/** Style, shape and brand: each left empty falls back to the template (or the API's default). */
export function LookFields({ form, update, error }: FieldsProps) {
  const styles = useStyles();
  const template = useTemplates().data?.items.find((t) => t.id === form.template);
  const brandKits = useBrandKits();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Select
        label="Style"
        placeholder={template ? `the template's: ${template.style}` : "none"}
        searchable
        clearable
        data={styleGroups(styles.data?.items ?? [])}
        value={form.style}
        error={paramError(error, "style")}
        onChange={(style) => {
          update({ style });
        }}
      />
      <Select
        label="Aspect ratio"
        placeholder={template ? `the template's: ${template.aspect_ratio}` : "1:1 (default)"}
        clearable
        data={ASPECT_RATIOS}
        value={form.aspectRatio}
        error={paramError(error, "aspect_ratio")}
        onChange={(ratio) => {
          update({ aspectRatio: ASPECT_RATIOS.find((r) => r === ratio) ?? null });
        }}
      />
      <Select
        label="Brand kit"
        placeholder={brandKits.data?.items.length ? "none" : "no brand kits yet"}
        clearable
        data={(brandKits.data?.items ?? []).map((kit) => ({ value: kit.id, label: kit.name }))}
        value={form.brandKit}
        error={paramError(error, "brand_kit")}
        onChange={(brandKit) => {
          update({ brandKit });
        }}
      />
    </SimpleGrid>
  );
}
