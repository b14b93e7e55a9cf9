import { Button, Paper, Stack, Text, Textarea } from "@mantine/core";
import { type ReactNode, type SubmitEvent, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetImage } from "@/components/ui/asset-image";
import { JobStatus } from "@/components/ui/job-status";
import type { JobCreate } from "@/lib/api/create-job";
import { FINAL_STATUSES, useJobRun } from "@/lib/use-job-run";

import { type ControlRow, MAX_CONTROLS, multiControlJob, newRow, ready } from "../multi-control";
import { ControlInputRow } from "./control-input-row";

interface MultiControlStudioProps {
  renderEstimate: (job: JobCreate | null) => ReactNode;
  renderActions: (assetId: string) => ReactNode;
}

/** Up to three controls at once (sketch, structure, style), combined by the local engine. */
export function MultiControlStudio({ renderEstimate, renderActions }: MultiControlStudioProps) {
  const [prompt, setPrompt] = useState("");
  const [rows, setRows] = useState<ControlRow[]>([newRow(1)]);
  const run = useJobRun();
  const running = run.job !== undefined && !FINAL_STATUSES.has(run.job.status);
  const resultId = run.job?.status === "completed" ? run.job.asset_ids?.[0] : undefined;
  const job = prompt.trim() && ready(rows) ? multiControlJob(prompt, rows) : null;
  const update = (key: number, patch: Partial<ControlRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (job) void run.submit(job);
  };
  return (
    <Stack gap="md">
      <Text size="sm">
        Drawn on the platform&apos;s CPU (quality draft, labelled local): the structures and sketches lay out the image,
        the styles colour it. It is a classical composite; the prompt is kept with the result.
      </Text>
      <Paper withBorder p="md" component="form" aria-label="Combine controls" onSubmit={submit}>
        <Stack gap="sm">
          <Textarea
            label="Prompt"
            required
            autosize
            minRows={2}
            value={prompt}
            onChange={(event) => {
              setPrompt(event.currentTarget.value);
            }}
          />
          {rows.map((row, index) => (
            <ControlInputRow
              key={row.key}
              row={row}
              index={index}
              update={(patch) => {
                update(row.key, patch);
              }}
              remove={
                rows.length > 1
                  ? () => {
                      setRows((current) => current.filter((r) => r.key !== row.key));
                    }
                  : null
              }
            />
          ))}
          <Button
            variant="default"
            w="fit-content"
            disabled={rows.length >= MAX_CONTROLS}
            onClick={() => {
              setRows((current) => [...current, newRow(Math.max(...current.map((r) => r.key)) + 1, "style")]);
            }}
          >
            Add a control ({rows.length} of {MAX_CONTROLS})
          </Button>
          {renderEstimate(job)}
          <ApiErrorAlert error={run.error} />
          <Button type="submit" loading={run.submitting} disabled={running || !job} w="fit-content">
            Combine the controls
          </Button>
          {run.job && <JobStatus job={run.job} />}
        </Stack>
      </Paper>
      {resultId && (
        <Stack gap="xs" component="section" aria-label="Result">
          <AssetImage assetId={resultId} alt="Result of combined controls" height={360} />
          {renderActions(resultId)}
        </Stack>
      )}
    </Stack>
  );
}
