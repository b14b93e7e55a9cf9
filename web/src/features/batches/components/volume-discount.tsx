import { Alert, Text } from "@mantine/core";

import type { BatchCheck } from "../api/submit-batch";

type Estimate = NonNullable<BatchCheck["estimate"]>;

const AVERAGE = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** The volume discount a dry run priced in, when the batch reaches a tier: its name, the
 * credits it takes off in all, and what a job costs before and after it (on average, as whole
 * credits are shared out across the jobs). */
export function VolumeDiscount({ estimate }: { estimate: Estimate }) {
  const tier = estimate.items.find((item) => item.discount)?.discount;
  if (!tier || estimate.discount_credits === 0) return null;
  const jobs = estimate.items.length;
  const list = estimate.credits + estimate.discount_credits;
  const prices = new Set(estimate.items.map((item) => `${item.credits}+${item.discount?.credits_off ?? 0}`));
  return (
    <Alert color="teal" title={`Volume discount: ${tier.name}`} data-testid="volume-discount">
      <Text size="sm" data-testid="discount-total">
        {estimate.discount_credits} credits off: {list} → {estimate.credits} credits for the {jobs} jobs.
      </Text>
      <Text size="sm" data-testid="discount-per-job">
        Per job {AVERAGE.format(list / jobs)} → {AVERAGE.format(estimate.credits / jobs)} credits
        {prices.size === 1 ? "" : " on average"}.
      </Text>
    </Alert>
  );
}
