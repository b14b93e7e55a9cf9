import { Card, Center, Loader, SimpleGrid, Stack, Text } from "@mantine/core";

import { AssetImage } from "@/components/ui/asset-image";
import type { Job } from "@/lib/api/create-job";
import { FINAL_STATUSES } from "@/lib/use-job-run";

import { ResultActions } from "./result-actions";

const TILE_HEIGHT = 220;

/** How many variations are made: the job's progress reports each one but the last. */
function variationsDone(job: Job, count: number): number {
  if (job.status === "completed") return count;
  return Math.round(((job.progress?.percent ?? 0) * count) / 100);
}

function variationCount(job: Job): number {
  const asked = job.params.variations;
  return typeof asked === "number" ? asked : 1;
}

/** One tile per asked variation, filled in as the job reports them and its images arrive. */
export function ResultsGrid({ job }: { job: Job }) {
  const count = variationCount(job);
  const done = variationsDone(job, count);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" data-testid="results">
      {Array.from({ length: count }, (_, index) => (
        <VariationTile key={index} job={job} index={index} done={done} count={count} />
      ))}
    </SimpleGrid>
  );
}

interface TileProps {
  job: Job;
  index: number;
  done: number;
  count: number;
}

function VariationTile({ job, index, done, count }: TileProps) {
  const name = `variation ${index + 1} of ${count}`;
  const assetId = job.asset_ids?.[index];
  return (
    <Card withBorder padding="xs" data-testid="variation" aria-label={name} component="article">
      <Card.Section>
        {assetId ? (
          <AssetImage assetId={assetId} alt={`Result, ${name}`} height={TILE_HEIGHT} />
        ) : (
          <Center h={TILE_HEIGHT} bg="gray.0">
            <TileState job={job} index={index} done={done} />
          </Center>
        )}
      </Card.Section>
      <Stack gap={6} mt="xs">
        <Text size="sm" fw={500}>
          Variation {index + 1}
        </Text>
        {assetId && <ResultActions assetId={assetId} name={name} />}
      </Stack>
    </Card>
  );
}

function TileState({ job, index, done }: { job: Job; index: number; done: number }) {
  if (FINAL_STATUSES.has(job.status)) {
    return (
      <Text size="sm" c="dimmed">
        not made ({job.status})
      </Text>
    );
  }
  if (index < done) {
    return (
      <Text size="sm" c="dimmed">
        done, stored when the job completes
      </Text>
    );
  }
  if (index === done && job.status === "running") {
    return (
      <Stack gap={4} align="center">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          rendering
        </Text>
      </Stack>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      waiting
    </Text>
  );
}
