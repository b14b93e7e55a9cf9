import {
  Alert,
  Button,
  Collapse,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMemo } from "react";

import type { JobCreate } from "@/lib/api/create-job";
import { usePlatforms, useProviders } from "@/lib/api/list-catalog";

import { useCollections } from "../api/list-collections";
import { useTags } from "../api/list-tags";
import { type LibraryParams, type ParamName, ROLES } from "../hooks/use-library-params";

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
const FORMATS = ["png", "jpeg", "webp", "gif", "avif", "mp4", "webm", "wav", "mp3", "glb", "zip"];
const QUALITIES = ["draft", "standard", "premium"];
const RATINGS = [1, 2, 3, 4, 5].map((stars) => ({ value: String(stars), label: `${"★".repeat(stars)} or more` }));
const USED = [
  { value: "true", label: "Used (downloaded or shared)" },
  { value: "false", label: "Never used" },
];
const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  output: "Output",
  safe_zone_preview: "Safe-zone preview",
  poster: "Video poster",
};
/** Filters shown as removable buttons: the ids found through the search box or an asset. */
const ID_FILTERS: { name: ParamName; label: string }[] = [
  { name: "job_id", label: "Job" },
  { name: "batch_id", label: "Batch" },
  { name: "source_asset_id", label: "Made from" },
];
const MB = 1_000_000;

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

/** A size bound in MB, kept in bytes in the address; set when the field is left. */
function SizeField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string | undefined;
  onCommit: (bytes: string | null) => void;
}) {
  const shown = value ? Number(value) / MB : "";
  return (
    <NumberInput
      key={value ?? ""}
      label={label}
      placeholder="Any"
      defaultValue={shown}
      min={0}
      decimalScale={2}
      suffix=" MB"
      onBlur={(event) => {
        const typed = Number.parseFloat(event.currentTarget.value);
        onCommit(Number.isFinite(typed) ? String(Math.round(typed * MB)) : null);
      }}
    />
  );
}

function MoreFilters({ params }: { params: LibraryParams }) {
  const { values, setParams } = params;
  const options = usePresetOptions(values.platform);
  const set = (name: ParamName) => (value: string | null) => {
    setParams({ [name]: value });
  };
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <Select
        label="Platform"
        placeholder="Any platform"
        data={options.platforms}
        value={values.platform ?? null}
        onChange={set("platform")}
        clearable
      />
      <Select
        label="Preset"
        placeholder="Any preset"
        data={options.presets}
        value={values.preset ?? null}
        onChange={set("preset")}
        clearable
        searchable
      />
      <Select
        label="Role"
        placeholder="Any role"
        description="Lists instead of searching"
        data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
        value={values.role ?? null}
        onChange={set("role")}
        clearable
      />
      <Select
        label="Quality"
        placeholder="Any quality"
        data={QUALITIES}
        value={values.quality ?? null}
        onChange={set("quality")}
        clearable
      />
      <SizeField label="At least" value={values.min_bytes} onCommit={set("min_bytes")} />
      <SizeField label="At most" value={values.max_bytes} onCommit={set("max_bytes")} />
      <TextInput
        label="Made on or after"
        type="date"
        value={values.created_after ?? ""}
        onChange={(event) => {
          setParams({ created_after: event.currentTarget.value || null });
        }}
      />
      <TextInput
        label="Made on or before"
        type="date"
        value={values.created_before ?? ""}
        onChange={(event) => {
          setParams({ created_before: event.currentTarget.value || null });
        }}
      />
    </SimpleGrid>
  );
}

/** The search's filters, kept in the address: every one given must hold. */
export function LibraryFilters({ params }: { params: LibraryParams }) {
  const { values, tags, setParams, setTags, clearFilters, listing } = params;
  const [more, { toggle }] = useDisclosure(
    Boolean(
      values.platform ??
      values.preset ??
      values.role ??
      values.min_bytes ??
      values.max_bytes ??
      values.created_after ??
      values.created_before ??
      values.quality,
    ),
  );
  const providers = useProviders();
  const collections = useCollections();
  const knownTags = useTags();
  const tagOptions = useMemo(
    () => [...new Set([...(knownTags.data ?? []).map((tag) => tag.tag), ...tags])],
    [knownTags.data, tags],
  );
  const active = ID_FILTERS.filter(({ name }) => values[name]);
  const set = (name: ParamName) => (value: string | null) => {
    setParams({ [name]: value });
  };
  const filtered = Object.keys(values).some((name) => !["q", "mode", "sort"].includes(name)) || tags.length > 0;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Select
          label="Kind"
          placeholder="Any kind"
          data={KINDS}
          value={values.kind ?? null}
          onChange={set("kind")}
          clearable
          searchable
        />
        <Select
          label="Provider"
          placeholder="Any provider"
          data={(providers.data?.items ?? []).map((provider) => provider.name)}
          value={values.provider ?? null}
          onChange={set("provider")}
          clearable
        />
        <Select
          label="Format"
          placeholder="Any format"
          data={FORMATS}
          value={values.format ?? null}
          onChange={set("format")}
          clearable
        />
        <Select
          label="Rating"
          placeholder="Any rating"
          data={RATINGS}
          value={values.min_rating ?? null}
          onChange={set("min_rating")}
          clearable
        />
        <MultiSelect
          label="Tags"
          placeholder={tags.length ? undefined : "Any tags"}
          data={tagOptions}
          value={tags}
          onChange={setTags}
          searchable
          clearable
        />
        <Select
          label="Collection"
          placeholder="Any collection"
          data={(collections.data ?? []).map((collection) => ({ value: collection.id, label: collection.name }))}
          value={values.collection_id ?? null}
          onChange={set("collection_id")}
          clearable
          searchable
        />
        <Select
          label="Usage"
          placeholder="Used or not"
          data={USED}
          value={values.used ?? null}
          onChange={set("used")}
          clearable
        />
        <Switch
          label="Favourites only"
          checked={values.favorite === "true"}
          onChange={(event) => {
            setParams({ favorite: event.currentTarget.checked ? "true" : null });
          }}
          mt={{ base: 0, xs: 30 }}
        />
      </SimpleGrid>
      <Collapse expanded={more}>
        <MoreFilters params={params} />
      </Collapse>
      <Group gap="xs" wrap="wrap">
        <Button size="compact-sm" variant="subtle" onClick={toggle} aria-expanded={more}>
          {more ? "Fewer filters" : "More filters"}
        </Button>
        {active.map(({ name, label }) => (
          <Button
            key={name}
            size="compact-sm"
            variant="light"
            rightSection="×"
            aria-label={`Remove filter ${label} ${values[name] ?? ""}`}
            onClick={() => {
              setParams({ [name]: null });
            }}
          >
            {label}: {values[name]}
          </Button>
        ))}
        {filtered && (
          <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
            Clear all filters
          </Button>
        )}
      </Group>
      {listing && (
        <Alert color="gray" title="Listing, not searching">
          What was made from an asset and roles are listed newest first: words, tags, ratings and the sort do not apply
          to this list. Remove that filter to search again.
        </Alert>
      )}
    </Stack>
  );
}
