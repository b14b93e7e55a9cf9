import { Button, Group, Select, SimpleGrid, Stack } from "@mantine/core";
import { useMemo } from "react";

import type { JobCreate } from "@/lib/api/create-job";
import { usePlatforms } from "@/lib/api/list-catalog";

import { type FilterName, type LibraryParams, ROLES } from "../hooks/use-library-params";
import { FindById } from "./find-by-id";

/** Every kind an asset can have: the job kinds, and `upload`. */
const KINDS: readonly (JobCreate["kind"] | "upload")[] = [
  "upload",
  "generate",
  "optimize.social",
  "edit.erase",
  "edit.inpaint",
  "edit.outpaint",
  "edit.search_replace",
  "edit.search_recolor",
  "edit.remove_background",
  "edit.replace_background",
  "edit.instruct",
  "upscale.fast",
  "upscale.conservative",
  "upscale.creative",
  "control.sketch",
  "control.structure",
  "control.style",
  "control.style_transfer",
  "transform.image_to_video",
  "transform.avatar",
  "transform.image_to_3d",
];

const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  output: "Output",
  safe_zone_preview: "Safe-zone preview",
  poster: "Video poster",
};

/** Filters shown as removable buttons: the ids found through the search box or an asset. */
const ID_FILTERS: { name: FilterName; label: string }[] = [
  { name: "job_id", label: "Job" },
  { name: "batch_id", label: "Batch" },
  { name: "source_asset_id", label: "Made from" },
];

function usePresetOptions(platform: string | undefined) {
  const platforms = usePlatforms();
  return useMemo(() => {
    const presets = platforms.data?.items ?? [];
    return {
      platforms: [...new Set(presets.map((preset) => preset.platform))],
      presets: presets
        .filter((preset) => !platform || preset.platform === platform)
        .map((preset) => ({ value: preset.id, label: `${preset.id} (${preset.width}×${preset.height})` })),
    };
  }, [platforms.data, platform]);
}

/** Search by id and the filters `GET /v1/assets` takes, kept in the address. */
export function LibraryFilters({ params }: { params: LibraryParams }) {
  const { filters, setFilter, clearFilters, openAsset } = params;
  const options = usePresetOptions(filters.platform ?? undefined);
  const active = ID_FILTERS.filter(({ name }) => filters[name]);
  const select = (name: FilterName) => (value: string | null) => {
    setFilter(name, value);
  };
  return (
    <Stack gap="sm">
      <FindById onFilter={setFilter} onOpenAsset={openAsset} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Select
          label="Kind"
          placeholder="Any kind"
          data={KINDS}
          value={filters.kind ?? null}
          onChange={select("kind")}
          clearable
          searchable
        />
        <Select
          label="Role"
          placeholder="Any role"
          data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          value={filters.role ?? null}
          onChange={select("role")}
          clearable
        />
        <Select
          label="Platform"
          placeholder="Any platform"
          data={options.platforms}
          value={filters.platform ?? null}
          onChange={select("platform")}
          clearable
        />
        <Select
          label="Preset"
          placeholder="Any preset"
          data={options.presets}
          value={filters.preset ?? null}
          onChange={select("preset")}
          clearable
          searchable
        />
      </SimpleGrid>
      <Group gap="xs" wrap="wrap">
        {active.map(({ name, label }) => (
          <Button
            key={name}
            size="compact-sm"
            variant="light"
            rightSection="×"
            aria-label={`Remove filter ${label} ${filters[name] ?? ""}`}
            onClick={() => {
              setFilter(name, null);
            }}
          >
            {label}: {filters[name]}
          </Button>
        ))}
        {Object.keys(filters).length > 0 && (
          <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
            Clear all filters
          </Button>
        )}
      </Group>
    </Stack>
  );
}
