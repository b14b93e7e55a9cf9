import { Button, Group, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { CostChip } from "@/components/ui/cost-chip";
import type { JobCreate } from "@/lib/api/create-job";
import { useEstimate } from "@/lib/api/estimate-jobs";
import type { JobRun } from "@/lib/use-job-run";

interface SubmitBarProps {
  /** The job the form describes, or null while it is incomplete. */
  job: JobCreate | null;
  run: JobRun;
  label: string;
}

/** The estimate of the form's job (asked once typing pauses), the submit button and the refusal. */
export function SubmitBar({ job, run, label }: SubmitBarProps) {
  const [settledSpec] = useDebouncedValue(job ? JSON.stringify(job) : null, 400);
  const settled = useMemo(() => (settledSpec ? (JSON.parse(settledSpec) as JobCreate) : null), [settledSpec]);
  const estimate = useEstimate(settled);
  const item = estimate.data?.items[0];
  return (
    <>
      <Group gap="sm" wrap="wrap">
        <Button
          disabled={job === null}
          loading={run.submitting}
          onClick={() => {
            if (job) void run.submit(job);
          }}
        >
          {label}
        </Button>
        {item && (
          <CostChip credits={item.credits} priceUsd={item.price_usd} expectedSeconds={item.expected_seconds} />
        )}
        {item && <Text size="sm">by {item.provider} · {item.model}</Text>}
      </Group>
      {item?.refusal && (
        <Text size="sm" c="red.9" role="status">
          {item.refusal.message}
        </Text>
      )}
      <ApiErrorAlert error={run.error ?? estimate.error} />
    </>
  );
}
