import { Badge, Tooltip } from "@mantine/core";

import { formatSeconds } from "@/lib/format";

interface CostChipProps {
  credits: number;
  /** What the tenant pays, in USD (credits at list price). */
  priceUsd?: string;
  expectedSeconds?: number;
  label?: string;
}

/** Credits (and the price and expected time, for an estimate) as one chip. */
export function CostChip({ credits, priceUsd, expectedSeconds, label = "estimate" }: CostChipProps) {
  const parts = [`${credits} credit${credits === 1 ? "" : "s"}`];
  if (priceUsd !== undefined) parts.push(`$${priceUsd}`);
  if (expectedSeconds !== undefined) parts.push(`~${formatSeconds(expectedSeconds)}`);
  const text = parts.join(" · ");
  return (
    <Tooltip label={`${label}: ${text}`}>
      <Badge variant="outline" color="violet" data-testid="cost-chip" tt="none">
        {text}
      </Badge>
    </Tooltip>
  );
}
