import { Badge, Button, Group, Select, Stack, Text } from "@mantine/core";
import { useMemo, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Job } from "@/lib/api/create-job";
import type { StreamState } from "@/lib/event-stream";

import { useJobBoard } from "../hooks/use-job-board";
import { JobRow } from "./job-row";

/** Rows drawn at once: the newest; the rest are counted. */
const SHOWN_ROWS = 200;

const STATUSES: Job["status"][] = [
  "scheduled",
  "accepted",
  "approved",
  "running",
  "completed",
  "failed",
  "rejected",
  "cancelled",
];

const STREAM_COLOURS: Record<StreamState, string> = { connecting: "gray", live: "green", reconnecting: "orange" };

/** Whether the stream is open: `live`, `connecting` or `reconnecting` (it retries by itself). */
function StreamBadge({ state }: { state: StreamState }) {
  return (
    <Group gap={6} aria-live="polite">
      <Text size="sm">Updates</Text>
      <Badge color={STREAM_COLOURS[state]} variant="dot" data-testid="stream-state" data-state={state}>
        {state}
      </Badge>
    </Group>
  );
}

/** The tenant's jobs, newest first, each row following its job live. */
export function JobBoard() {
  const [status, setStatus] = useState<Job["status"] | null>(null);
  const { snapshot, stream, streamError, list } = useJobBoard(status);
  const rows = useMemo(
    () => (status ? snapshot.jobs.filter((job) => job.status === status) : snapshot.jobs),
    [snapshot, status],
  );
  const { counts } = snapshot;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Select
          label="Status"
          placeholder="Every status"
          data={STATUSES}
          value={status}
          onChange={(value) => {
            setStatus(STATUSES.find((known) => known === value) ?? null);
          }}
          clearable
          w={200}
        />
        <Group gap="sm" wrap="wrap">
          <StreamBadge state={stream} />
          <Text size="sm">
            <span data-testid="completed-count" data-count={counts.completed}>
              {counts.completed}
            </span>{" "}
            completed
          </Text>
          <Text size="sm" data-testid="scheduled-count">
            {counts.scheduled} scheduled
          </Text>
          <Text size="sm">{counts.running + counts.accepted + counts.approved} in progress</Text>
          <Text size="sm">{counts.failed + counts.rejected} failed or refused</Text>
        </Group>
      </Group>
      <ApiErrorAlert error={streamError} title="The live updates stopped" />
      <ApiErrorAlert error={list.error} title="The jobs could not be listed" />
      <Stack gap="xs" role="list" aria-label="Jobs, newest first" data-testid="job-board">
        {rows.slice(0, SHOWN_ROWS).map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </Stack>
      {rows.length === 0 && !list.isPending && (
        <Text c="dimmed">No jobs {status ? `are ${status}` : "yet"}: jobs you submit appear here as they happen.</Text>
      )}
      {rows.length > SHOWN_ROWS && (
        <Text size="sm" c="dimmed" data-testid="hidden-rows">
          Showing the newest {SHOWN_ROWS} of {rows.length} jobs; {rows.length - SHOWN_ROWS} more are counted above.
        </Text>
      )}
      {list.hasNextPage && rows.length <= SHOWN_ROWS && (
        <Group justify="center">
          <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load older jobs
          </Button>
        </Group>
      )}
    </Stack>
  );
}
