import { Button, Card, FileInput, Group, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { isApiError } from "@/lib/api-error";

import { type Batch, type Campaign, useCheckCampaign, useSubmitCampaign } from "../api/submit-batch";
import { RUN_NOW, type Schedule, scheduleReady } from "../schedule";
import { CampaignCheck } from "./campaign-check";
import { ScheduleFields } from "./schedule-fields";
import { WatermarkField } from "./watermark-field";

const EXAMPLE = '{"kind": "generate", "params": {"prompt": "{product} on marble", "quality": "draft"}}';

/** The API's refusal of the batch's `schedule_at` (a past time...), to show on its field. */
function scheduleError(error: unknown): string | undefined {
  return isApiError(error) ? error.details.find((detail) => detail.loc === "schedule_at")?.message : undefined;
}

/** The API's refusal of the watermark's brand kit (it has no logo...). */
function watermarkError(error: unknown): string | undefined {
  return isApiError(error) ? error.details.find((detail) => detail.loc === "watermark.brand_kit")?.message : undefined;
}

/** A campaign file (and template) checked and priced by a dry run, then submitted as one batch,
 * to run now, at a time or off-peak. */
export function CampaignUpload({ onSubmitted }: { onSubmitted: (batch: Batch) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [template, setTemplate] = useState("");
  const [name, setName] = useState("");
  const [schedule, setSchedule] = useState<Schedule>(RUN_NOW);
  const [watermark, setWatermark] = useState<string | null>(null);
  const check = useCheckCampaign();
  const submit = useSubmitCampaign();
  const campaign: Campaign | null = file ? { file, template, name, schedule, watermark } : null;
  const refusedTime = scheduleError(check.error) ?? scheduleError(submit.error);
  const changed = () => {
    check.reset();
    submit.reset();
  };
  const send = (ready: Campaign) => {
    submit.mutate(ready, {
      onSuccess: (batch) => {
        check.reset();
        onSubmitted(batch);
      },
    });
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FileInput
            label="Campaign file"
            description="CSV with a header row, or JSONL: a row (line) a job"
            placeholder="Choose a .csv or .jsonl file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            clearable
            clearButtonProps={{ "aria-label": "Remove the file" }}
            value={file}
            onChange={(next) => {
              setFile(next);
              changed();
            }}
          />
          <TextInput
            label="Batch name"
            description="Optional, to find it again"
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              changed();
            }}
          />
        </SimpleGrid>
        <Textarea
          label="Job template"
          description="Optional: a job spec whose {column} holes each row fills. Without one, each row needs a kind column and a column per param."
          placeholder={EXAMPLE}
          autosize
          minRows={2}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          value={template}
          onChange={(event) => {
            setTemplate(event.currentTarget.value);
            changed();
          }}
        />
        <WatermarkField
          brandKit={watermark}
          onChange={(next) => {
            setWatermark(next);
            changed();
          }}
          error={watermarkError(check.error) ?? watermarkError(submit.error)}
        />
        <ScheduleFields
          schedule={schedule}
          onChange={(next) => {
            setSchedule(next);
            changed();
          }}
          error={refusedTime}
        />
        <Group gap="sm">
          <Button
            variant={check.data ? "light" : "filled"}
            disabled={campaign === null || !scheduleReady(schedule)}
            loading={check.isPending}
            onClick={() => {
              if (campaign) check.mutate(campaign);
            }}
          >
            Check and estimate
          </Button>
          {check.data && campaign && (
            <Button
              disabled={!check.data.valid}
              loading={submit.isPending}
              onClick={() => {
                send(campaign);
              }}
            >
              {schedule.mode === "now" ? "Submit" : "Schedule"} {check.data.jobs} jobs
            </Button>
          )}
        </Group>
        {!refusedTime && <ApiErrorAlert error={check.error} />}
        {check.data && <CampaignCheck check={check.data} />}
        {!refusedTime && <ApiErrorAlert error={submit.error} />}
      </Stack>
    </Card>
  );
}
