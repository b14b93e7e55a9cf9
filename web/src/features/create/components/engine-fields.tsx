import { SegmentedControl, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useId } from "react";

import { type Provider, useProviders } from "@/lib/api/list-catalog";

import { type FieldsProps, type GenerateForm, type Quality, paramError } from "../hooks/use-generate-form";

export const QUALITIES: readonly Quality[] = ["draft", "standard", "premium"];
const AUTO = "auto";

function generateModels(provider: Provider | undefined) {
  return provider?.models.filter((model) => model.capability === "generate") ?? [];
}

function providerLabel(provider: Provider): string {
  if (!provider.configured) return `${provider.name} (not configured)`;
  return provider.health === "healthy" ? provider.name : `${provider.name} (${provider.health})`;
}

/** A provider change keeps the quality if the provider has that tier, else takes its first. */
export function pinProvider(providers: readonly Provider[], name: string, quality: Quality): Partial<GenerateForm> {
  const tiers = generateModels(providers.find((p) => p.name === name)).map((m) => m.tier);
  const keeps = name === AUTO || tiers.includes(quality);
  return { provider: name, model: null, quality: keeps ? quality : (tiers[0] ?? quality) };
}

/** Where it runs: a provider (or `auto`, the recommended healthy one), its quality tier and model. */
export function EngineFields({ form, update, error }: FieldsProps) {
  const qualityLabel = useId();
  const providers = (useProviders().data?.items ?? []).filter((p) => p.capabilities.includes("generate"));
  const models = generateModels(providers.find((p) => p.name === form.provider));
  const tiers = new Set(models.map((m) => m.tier));
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Select
        label="Provider"
        allowDeselect={false}
        data={[
          { value: AUTO, label: "auto (recommended healthy)" },
          ...providers.map((p) => ({ value: p.name, label: providerLabel(p), disabled: !p.configured })),
        ]}
        value={form.provider}
        error={paramError(error, "provider")}
        onChange={(name) => {
          update(pinProvider(providers, name ?? AUTO, form.quality));
        }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id={qualityLabel}>
          Quality
        </Text>
        <SegmentedControl
          aria-labelledby={qualityLabel}
          data={QUALITIES.map((tier) => ({
            value: tier,
            label: tier,
            disabled: form.provider !== AUTO && !tiers.has(tier),
          }))}
          value={form.quality}
          onChange={(tier) => {
            update({ quality: QUALITIES.find((q) => q === tier) ?? form.quality, model: null });
          }}
        />
        <Text size="xs" c="dimmed">
          Draft renders on the platform&apos;s CPU (local-draft).
        </Text>
      </Stack>
      <Select
        label="Model"
        disabled={form.provider === AUTO}
        placeholder={form.provider === AUTO ? "chosen by auto" : "the provider's for this tier"}
        clearable
        data={models
          .filter((m) => m.tier === form.quality)
          .map((m) => ({ value: m.model, label: `${m.model} · ${m.credits_per_image} credits/image` }))}
        value={form.model}
        error={paramError(error, "model")}
        onChange={(model) => {
          update({ model });
        }}
      />
    </SimpleGrid>
  );
}
