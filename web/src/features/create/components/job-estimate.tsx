import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";

import { CostChip } from "@/components/ui/cost-chip";
import type { JobCreate } from "@/lib/api/create-job";
import { type Estimate, useEstimate } from "@/lib/api/estimate-jobs";
import { isApiError } from "@/lib/api-error";

type Alternative = NonNullable<Estimate["alternatives"]>[number];

interface JobEstimateProps {
  /** The job as the form stands, or `null` while it is incomplete. */
  job: JobCreate | null;
  /** What the form still needs before it can be priced. */
  emptyHint: string;
  /** Take an alternative's `params` into the form; without it alternatives are only listed. */
  onUseAlternative?: (params: Alternative["params"]) => void;
}

/** `POST /v1/estimate` as the form changes: cost, time, where it runs, and cheaper or faster ways. */
export function JobEstimate({ job, emptyHint, onUseAlternative }: JobEstimateProps) {
  const [settled] = useDebouncedValue(job, 300);
  const estimate = useEstimate(settled);
  const item = estimate.data?.items[0];
  return (
    <Stack gap={6} aria-live="polite" data-testid="estimate">
      {!job && (
        <Text size="sm" c="dimmed">
          {emptyHint}
        </Text>
      )}
      {job && estimate.isError && <EstimateRefused error={estimate.error} />}
      {job && !estimate.isError && !item && (
        <Group gap="xs">
          <Loader size="xs" aria-hidden />
          <Text size="sm">Estimating…</Text>
        </Group>
      )}
      {job && item && <EstimateLine item={item} onUseAlternative={onUseAlternative} />}
    </Stack>
  );
}

function EstimateRefused({ error }: { error: Error }) {
  const details = isApiError(error) ? error.details : [];
  return (
    <Text size="sm">
      <Text span fw={700}>
        No estimate yet:
      </Text>{" "}
      {details.length > 0
        ? details.map((d) => `${d.loc.replace(/^jobs\.\d+\./, "")}: ${d.message}`).join("; ")
        : error.message}
    </Text>
  );
}

function EstimateLine({
  item,
  onUseAlternative,
}: {
  item: Estimate;
  onUseAlternative: JobEstimateProps["onUseAlternative"];
}) {
  const alternatives = item.alternatives ?? [];
  return (
    <>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          Estimate
        </Text>
        <CostChip credits={item.credits} priceUsd={item.price_usd} expectedSeconds={item.expected_seconds} />
        <Text size="sm">
          runs on {item.provider} · {item.model}
        </Text>
      </Group>
      {!item.allowed && item.refusal && (
        <Text size="sm" data-testid="estimate-refusal">
          <Text span fw={700}>
            Cannot run now ({item.refusal.code}):
          </Text>{" "}
          {item.refusal.message}
        </Text>
      )}
      {alternatives.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {item.allowed ? "Cheaper or faster" : "Recommended instead"}
          </Text>
          {alternatives.map((alternative) => (
            <AlternativeLine
              key={`${alternative.provider}/${alternative.model}`}
              alternative={alternative}
              onUse={onUseAlternative}
            />
          ))}
        </Stack>
      )}
    </>
  );
}

function AlternativeLine({
  alternative,
  onUse,
}: {
  alternative: Alternative;
  onUse: JobEstimateProps["onUseAlternative"];
}) {
  const name = `${alternative.provider} · ${alternative.model}`;
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm">{name}</Text>
      <CostChip
        credits={alternative.credits}
        priceUsd={alternative.price_usd}
        expectedSeconds={alternative.expected_seconds}
        label="alternative"
      />
      {onUse && (
        <Button
          size="compact-xs"
          variant="default"
          aria-label={`Use ${name}`}
          onClick={() => {
            onUse(alternative.params);
          }}
        >
          Use
        </Button>
      )}
    </Group>
  );
}
