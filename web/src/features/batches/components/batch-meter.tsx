import { Group, Progress, Stack, Text } from "@mantine/core";

import type { Batch } from "../api/submit-batch";

type Counts = Batch["counts"];

/** Jobs that have ended, however. */
export function endedOf(counts: Counts): number {
  return counts.completed + counts.failed + counts.rejected + counts.cancelled;
}

const SHOWN: { key: keyof Counts; label: string; color: string }[] = [
  { key: "completed", label: "completed", color: "green" },
  { key: "failed", label: "failed", color: "red" },
  { key: "rejected", label: "rejected", color: "orange" },
  { key: "cancelled", label: "cancelled", color: "gray" },
  { key: "running", label: "running", color: "indigo" },
];

function queuedOf(counts: Counts): number {
  return counts.accepted + counts.approved;
}

/** One progress bar (jobs ended of all), coloured by how they ended, and the counts in words. */
export function BatchMeter({ batch }: { batch: Batch }) {
  const { counts, jobs } = batch;
  const ended = endedOf(counts);
  const percent = jobs > 0 ? Math.round((ended / jobs) * 100) : 100;
  return (
    <Stack gap={6}>
      <Progress.Root
        size="xl"
        role="progressbar"
        aria-label="Batch progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${ended} of ${jobs} jobs ended`}
      >
        {SHOWN.map(({ key, color }) => {
          const count = counts[key];
          return count > 0 ? (
            <Progress.Section
              key={key}
              value={(count / jobs) * 100}
              color={color}
              withAria={false}
              animated={key === "running"}
            />
          ) : null;
        })}
      </Progress.Root>
      <Group gap="md" wrap="wrap">
        <Text size="sm" fw={600} data-testid="batch-ended">
          {ended} of {jobs} jobs ended ({percent} %)
        </Text>
        {SHOWN.map(({ key, label }) => (
          <Text key={key} size="sm" data-testid={`count-${key}`}>
            {counts[key]} {label}
          </Text>
        ))}
        <Text size="sm">{queuedOf(counts)} queued</Text>
        {counts.scheduled > 0 && (
          <Text size="sm" data-testid="count-scheduled">
            {counts.scheduled} scheduled
          </Text>
        )}
      </Group>
    </Stack>
  );
}
