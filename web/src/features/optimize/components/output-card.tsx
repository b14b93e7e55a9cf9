import { Badge, Box, Button, Card, Group, List, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetImage } from "@/components/ui/asset-image";
import { assetContentQuery } from "@/lib/api/asset-content";
import type { Platform } from "@/lib/api/list-catalog";
import type { Asset } from "@/lib/api/upload-file";
import { saveBlob } from "@/lib/download";
import { formatBytes } from "@/lib/format";

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

function DownloadOutput({ asset }: { asset: Asset }) {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveBlob(await client.query(assetContentQuery(asset.id)), outputName(asset));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="xs" variant="light" loading={busy} onClick={() => void download()}>
        Download {outputName(asset)}
      </Button>
      <ApiErrorAlert error={error} title="Download failed" />
    </>
  );
}

interface OutputCardProps {
  asset: Asset;
  preset: Platform | undefined;
  showSafeZone: boolean;
}

/** One platform version: the picture with what the platform's UI covers, its size and its checks. */
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
        <DownloadOutput asset={asset} />
      </Stack>
    </Card>
  );
}
