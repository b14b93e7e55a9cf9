import { Table, Text } from "@mantine/core";
import type { ReactNode } from "react";

import type { Asset } from "@/lib/api/upload-file";
import { formatBytes, formatTime } from "@/lib/format";

function mono(value: string): ReactNode {
  return (
    <Text span ff="monospace" size="sm" style={{ wordBreak: "break-all" }}>
      {value}
    </Text>
  );
}

/** The job's params as submitted, those that were set, as `name=value` pairs. */
function params(asset: Asset): ReactNode {
  const set = Object.entries(asset.params ?? {}).filter(([, value]) => value !== null && value !== undefined);
  if (set.length === 0) return null;
  return mono(
    set.map(([name, value]) => `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`).join(", "),
  );
}

/** The asset's facts as the library records them; a row only where the asset has a value. */
function rows(asset: Asset): [string, ReactNode][] {
  const size = asset.width && asset.height ? `${asset.width} × ${asset.height} px` : null;
  const all: [string, ReactNode | null | undefined][] = [
    ["Id", mono(asset.id)],
    ["Kind", mono(asset.kind)],
    ["Source", asset.source],
    ["Role", asset.role],
    ["Format", `${asset.format} (${asset.content_type})`],
    ["Size", size],
    ["Bytes", `${formatBytes(asset.bytes)} (${asset.bytes.toLocaleString()} bytes)`],
    ["SHA-256", mono(asset.sha256)],
    ["Duration", asset.duration_s ? `${asset.duration_s.toFixed(1)} s` : null],
    ["Codec", asset.codec && [asset.codec, asset.audio_codec].filter(Boolean).join(" + ")],
    ["Frames", asset.frames],
    ["Provider", asset.provider && [asset.provider, asset.model].filter(Boolean).join(" · ")],
    ["Quality", asset.quality],
    [
      "Cost",
      asset.cost_credits ? `${asset.cost_credits.toLocaleString()} credit${asset.cost_credits === 1 ? "" : "s"}` : null,
    ],
    ["Params", params(asset)],
    ["Prompt", asset.prompt],
    ["Negative prompt", asset.negative_prompt],
    ["Seed", asset.seed],
    ["Variation", asset.variation],
    ["Preset", asset.preset && [asset.preset, asset.platform].filter(Boolean).join(" · ")],
    ["File name", asset.filename],
    ["Job", asset.job_id && mono(asset.job_id)],
    ["Batch", asset.batch_id && mono(asset.batch_id)],
    ["Made from", asset.source_asset_id && mono(asset.source_asset_id)],
    ["Edited from", asset.parent_id && mono(asset.parent_id)],
    ["Reuses", asset.reused_from && mono(asset.reused_from)],
    ["Created", formatTime(asset.created_at)],
    ["Edited", formatTime(asset.updated_at)],
    [
      "Used",
      asset.usage_count
        ? `${asset.usage_count} times, last ${asset.last_used_at ? formatTime(asset.last_used_at) : ""}`
        : "Never",
    ],
  ];
  return all.filter((row): row is [string, ReactNode] => row[1] !== null && row[1] !== undefined);
}

export function AssetMetadata({ asset }: { asset: Asset }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder data-testid="asset-metadata">
      <Table.Tbody>
        {rows(asset).map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={130}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
