import { Alert, Badge, Group, Progress, Stack, Text } from "@mantine/core";

import type { Job } from "@/lib/api/create-job";

import { CostChip } from "./cost-chip";

const COLOURS: Record<Job["status"], string> = {
  scheduled: "grape",
  accepted: "gray",
  approved: "blue",
  running: "indigo",
  completed: "green",
  failed: "red",
  rejected: "orange",
  cancelled: "gray",
};

/** A job's state as the API reports it: status, progress, cost and its error's human message. */
export function JobStatus({ job }: { job: Job }) {
  const percent = job.status === "completed" ? 100 : (job.progress?.percent ?? 0);
  const running = job.status === "accepted" || job.status === "approved" || job.status === "running";
  return (
    <Stack gap={6} data-testid="job-status" data-status={job.status} aria-live="polite">
      <Group gap="xs">
        <Badge color={COLOURS[job.status]} variant="light">
          {job.status}
        </Badge>
        <Text size="sm" c="dimmed" ff="monospace">
          {job.kind}
        </Text>
        {job.provider && <Text size="sm">by {job.provider}</Text>}
        {job.cost && <CostChip credits={job.cost.credits} label="cost" />}
      </Group>
      {running && (
        <Progress
          value={Math.max(percent, 4)}
          striped
          aria-label={`${job.kind} progress`}
          aria-valuenow={percent}
        />
      )}
      {job.progress && running && (
        <Text size="xs" c="dimmed">
          {job.progress.message}
        </Text>
      )}
      {job.error && (
        <Alert color="red" title={job.error.code} role="alert">
          {job.error.message}
        </Alert>
      )}
    </Stack>
  );
}
