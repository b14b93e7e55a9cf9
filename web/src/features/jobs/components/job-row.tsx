import { Box, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { memo, useState } from "react";

import { JobStatus } from "@/components/ui/job-status";
import type { Job } from "@/lib/api/create-job";
import { formatTime } from "@/lib/format";

import { AttemptsTable } from "./attempts-table";

/** Rows out of view skip style, layout and paint until scrolled to. */
const ROW_STYLE = { contentVisibility: "auto", containIntrinsicSize: "auto 72px" } as const;

/** One job of the board; it renders again only when its job object changes. */
export const JobRow = memo(function JobRow({ job }: { job: Job }) {
  const [open, setOpen] = useState(false);
  const attempts = job.attempts ?? [];
  const detailsId = `attempts-${job.id}`;
  return (
    <Paper
      withBorder
      p="sm"
      role="listitem"
      style={ROW_STYLE}
      data-testid="job-row"
      data-job-id={job.id}
      data-status={job.status}
    >
      <Group align="flex-start" justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={2} w={270} maw="100%">
          <Text size="sm" ff="monospace">
            {job.id}
          </Text>
          <Text size="xs" c="dimmed">
            {formatTime(job.created_at)}
            {job.batch_id && ` · batch ${job.batch_id}`}
          </Text>
        </Stack>
        <Box style={{ flex: "1 1 260px", minWidth: 0 }}>
          <JobStatus job={job} />
        </Box>
        <Button
          variant="default"
          size="compact-sm"
          onClick={() => {
            setOpen((value) => !value);
          }}
          aria-expanded={open}
          aria-controls={open ? detailsId : undefined}
          aria-label={`${open ? "Hide" : "Show"} the provider attempts of ${job.id}`}
        >
          {attempts.length} attempt{attempts.length === 1 ? "" : "s"}
        </Button>
      </Group>
      {open && (
        <Box id={detailsId} mt="sm">
          <AttemptsTable attempts={attempts} />
        </Box>
      )}
    </Paper>
  );
});
