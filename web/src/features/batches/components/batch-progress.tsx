import { Badge, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { CostChip } from "@/components/ui/cost-chip";
import { formatSeconds, formatTime } from "@/lib/format";

import { useBatch } from "../api/get-batch";
import type { Batch } from "../api/submit-batch";
import { BatchActions } from "./batch-actions";
import { BatchMeter } from "./batch-meter";
import { FailedJobs } from "./failed-jobs";
import { ReleaseTime } from "./release-time";

const COLOURS: Record<Batch["status"], string> = { scheduled: "grape", running: "indigo", completed: "green" };

/** The API's status, but "cancelled" for a batch that ended with every job cancelled. */
function statusLabel(batch: Batch): string {
  const allCancelled = batch.status === "completed" && batch.counts.cancelled === batch.jobs;
  return allCancelled ? "cancelled" : batch.status;
}

/** One batch followed live: its progress by state, cost against its estimate, ETA and controls. */
export function BatchProgress({ batchId }: { batchId: string }) {
  const { query: batch, stream } = useBatch(batchId);
  if (batch.isPending) return <Loader aria-label="loading the batch" />;
  if (batch.isError) return <ApiErrorAlert error={batch.error} />;
  const { data } = batch;
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby="batch-title"
      data-testid="batch-progress"
      data-status={data.status}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id="batch-title">
            {data.name ?? data.id}
          </Title>
          <Group gap="xs">
            <Badge color={COLOURS[data.status]} variant="light" data-testid="batch-status">
              {statusLabel(data)}
            </Badge>
            <Badge variant="outline">{data.lane} lane</Badge>
            {stream && <Badge variant="dot">events {stream}</Badge>}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          <span style={{ fontFamily: "var(--mantine-font-family-monospace)" }}>{data.id}</span> · submitted{" "}
          {formatTime(data.created_at)}
        </Text>
        {data.status === "scheduled" && data.scheduled_at && <ReleaseTime at={data.scheduled_at} />}
        <BatchMeter batch={data} />
        <Group gap="sm" wrap="wrap">
          <CostChip credits={data.cost.credits} label="cost so far" />
          <Text size="sm">
            of {data.estimate_credits} credits (${data.estimate_price_usd}) estimated
          </Text>
          {data.status === "running" && data.eta_s !== null && <Text size="sm">about {formatSeconds(data.eta_s)} left</Text>}
        </Group>
        <BatchActions batch={data} />
        <FailedJobs batchId={data.id} failed={data.counts.failed} />
      </Stack>
    </Card>
  );
}
