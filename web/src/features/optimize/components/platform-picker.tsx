import { Checkbox, Loader, SimpleGrid, Stack, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { type Platform, usePlatforms } from "@/lib/api/list-catalog";
import { formatBytes } from "@/lib/format";

const NAMES: Record<Platform["platform"], string> = {
  instagram: "Instagram",
  facebook: "Facebook",
  x: "X",
  linkedin: "LinkedIn",
  youtube: "YouTube",
  pinterest: "Pinterest",
  tiktok: "TikTok",
};

function overlayOf(preset: Platform): string | null {
  if (preset.mask) return "circle crop";
  if (preset.safe || preset.safe_box) return "safe zone";
  return null;
}

function describe(preset: Platform): string {
  const parts = [preset.placement, `${preset.width}×${preset.height}`];
  if (preset.max_bytes) parts.push(`≤ ${formatBytes(preset.max_bytes)}`);
  const overlay = overlayOf(preset);
  if (overlay) parts.push(overlay);
  return parts.join(" · ");
}

function byPlatform(presets: Platform[]): [Platform["platform"], Platform[]][] {
  const groups = new Map<Platform["platform"], Platform[]>();
  for (const preset of presets) groups.set(preset.platform, [...(groups.get(preset.platform) ?? []), preset]);
  return [...groups];
}

interface PlatformGroupProps {
  platform: Platform["platform"];
  presets: Platform[];
  picked: string[];
  onChange: (picked: string[]) => void;
}

/** One platform's formats, with a box that picks or clears all of them. */
function PlatformGroup({ platform, presets, picked, onChange }: PlatformGroupProps) {
  const ids = presets.map((preset) => preset.id);
  const mine = picked.filter((id) => ids.includes(id));
  const others = picked.filter((id) => !ids.includes(id));
  return (
    <Stack gap={6}>
      <Checkbox
        label={`All of ${NAMES[platform]}`}
        fw={600}
        checked={mine.length === ids.length}
        indeterminate={mine.length > 0 && mine.length < ids.length}
        onChange={(event) => {
          onChange(event.currentTarget.checked ? [...others, ...ids] : others);
        }}
      />
      <Checkbox.Group
        aria-label={`${NAMES[platform]} formats`}
        value={mine}
        onChange={(value) => {
          onChange([...others, ...value]);
        }}
      >
        <Stack gap={6} pl="md">
          {presets.map((preset) => (
            <Checkbox key={preset.id} value={preset.id} label={preset.id} description={describe(preset)} />
          ))}
        </Stack>
      </Checkbox.Group>
    </Stack>
  );
}

/** Every platform format of `GET /v1/platforms`, grouped by platform. */
export function PlatformPicker({ picked, onChange }: { picked: string[]; onChange: (picked: string[]) => void }) {
  const platforms = usePlatforms();
  if (platforms.isPending) return <Loader aria-label="loading the platforms" />;
  if (platforms.isError) return <ApiErrorAlert error={platforms.error} title="The platforms could not load" />;
  return (
    <Stack gap="xs">
      <Text fw={500}>
        Formats <Text span c="dimmed" size="sm">({picked.length} picked)</Text>
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
        {byPlatform(platforms.data.items).map(([platform, presets]) => (
          <PlatformGroup key={platform} platform={platform} presets={presets} picked={picked} onChange={onChange} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
