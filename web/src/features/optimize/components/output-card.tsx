import { Badge, Box, Card, Group, List, Stack, Text } from "@mantine/core";

import { AssetImage } from "@/components/ui/asset-image";
import { DownloadAssetButton } from "@/components/ui/download-asset-button";
import type { Platform } from "@/lib/api/list-catalog";
import type { Asset } from "@/lib/api/upload-file";
import { formatBytes } from "@/lib/format";

import { EngagementHintTable } from "./engagement-hint";
import { SafeZoneOverlay, hasOverlay } from "./safe-zone-overlay";

const THUMB_HEIGHT = 220;
const EXTENSIONS: Record<string, string> = { jpeg: "jpg", png: "png", webp: "webp" };

export function outputName(asset: Asset): string {
  const variant = asset.variation ? `.v${asset.variation + 1}` : "";
  return `${asset.preset ?? asset.id}${variant}.${EXTENSIONS[asset.format] ?? asset.format}`;
}

function Checks({ asset }: { asset: Asset }) {
  const checks = asset.report?.checks ?? [];
  return (
    <List size="xs" spacing={2} listStyleType="none" aria-label={`Checks of ${outputName(asset)}`}>
      {checks.map((check) => (
        <List.Item key={check.name} c={check.passed ? undefined : "red.9"}>
          {check.passed ? "✓" : "✗"} {check.name.replace("_", " ")}: {check.message}
        </List.Item>
      ))}
    </List>
  );
}

function Facts({ asset, preset }: { asset: Asset; preset: Platform | undefined }) {
  const limit = preset?.max_bytes ? ` of ${formatBytes(preset.max_bytes)}` : "";
  const conflicts = asset.report?.safe_zone_conflicts ?? [];
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm">
        {asset.width}×{asset.height} · {asset.format.toUpperCase()} ·{" "}
        <span data-testid="output-bytes" data-bytes={asset.bytes}>
          {formatBytes(asset.bytes)}
        </span>
        {limit}
      </Text>
      {asset.report && <Badge variant="light">SSIM {asset.report.ssim.toFixed(3)}</Badge>}
      {conflicts.map((conflict) => (
        <Badge key={conflict} color="orange" variant="light">
          {conflict} under an overlay
        </Badge>
      ))}
    </Group>
  );
}


interface OutputCardProps {
  asset: Asset;
  preset: Platform | undefined;
  showSafeZone: boolean;
}

/** One platform version: the picture with what the platform's UI covers, its size, its checks and its engagement hint. */
export function OutputCard({ asset, preset, showSafeZone }: OutputCardProps) {
  const width = asset.width ?? 1;
  const height = asset.height ?? 1;
  return (
    <Card withBorder padding="sm" data-testid="output-card" data-preset={asset.preset}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} ff="monospace" size="sm">
            {asset.preset}
            {asset.variation ? ` · variant ${asset.variation + 1}` : ""}
          </Text>
          <Badge variant="outline">{asset.platform}</Badge>
        </Group>
        <Box
          pos="relative"
          mx="auto"
          style={{ width: `min(100%, ${Math.round((THUMB_HEIGHT * width) / height)}px)`, aspectRatio: `${width} / ${height}` }}
        >
          <AssetImage assetId={asset.id} alt={`${asset.preset ?? ""} version`} height="100%" fit="cover" />
          {showSafeZone && preset && hasOverlay(preset) && <SafeZoneOverlay preset={preset} />}
        </Box>
        <Facts asset={asset} preset={preset} />
        <Checks asset={asset} />
        {asset.report?.engagement_hint && <EngagementHintTable hint={asset.report.engagement_hint} name={outputName(asset)} />}
        <DownloadAssetButton assetId={asset.id} filename={outputName(asset)} label={`Download ${outputName(asset)}`} />
      </Stack>
    </Card>
  );
}
