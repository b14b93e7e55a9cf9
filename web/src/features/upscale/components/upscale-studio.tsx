import { Button, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import { type ReactNode, type SubmitEvent, useId, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetPicker } from "@/components/ui/asset-picker";
import { JobStatus } from "@/components/ui/job-status";
import type { JobCreate } from "@/lib/api/create-job";
import { useAsset } from "@/lib/api/get-asset";
import { FINAL_STATUSES, useJobRun } from "@/lib/use-job-run";
import { useAssetParam } from "@/lib/use-asset-param";

import { type ModeChoice, type Quality, type UpscaleValues, describeChoice, modeInfo, upscaleJob } from "../upscale-modes";
import { CompareSlider } from "./compare-slider";
import { PresetFields } from "./preset-fields";
import { ModeField, PromptFields } from "./upscale-fields";

interface UpscaleStudioProps {
  renderEstimate: (job: JobCreate | null) => ReactNode;
  /** What can be done with the result (studios, download, library). */
  renderActions: (assetId: string) => ReactNode;
}

const QUALITIES: readonly Quality[] = ["draft", "standard", "premium"];
const INITIAL: UpscaleValues = {
  quality: "draft",
  prompt: "",
  negativePrompt: "",
  creativity: null,
  preset: "none",
  printWidthMm: 100,
  printHeightMm: 150,
  platformFormat: "ig.story",
};

/** Upscale an image in one of the API's modes (or `auto`, which the server explains) and compare. */
export function UpscaleStudio({ renderEstimate, renderActions }: UpscaleStudioProps) {
  const qualityLabel = useId();
  const [source, setSource] = useAssetParam();
  const asset = useAsset(source);
  const [choice, setChoice] = useState<ModeChoice>("auto");
  const [values, setValues] = useState<UpscaleValues>(INITIAL);
  const update = (patch: Partial<UpscaleValues>) => {
    setValues((current) => ({ ...current, ...patch }));
  };
  const run = useJobRun();
  const info = choice === "auto" ? null : modeInfo(choice);
  const explained = run.job?.choice;
  const resultId = run.job?.status === "completed" ? run.job.asset_ids?.[0] : undefined;
  const result = useAsset(resultId ?? null);
  const running = run.job !== undefined && !FINAL_STATUSES.has(run.job.status);

  const pick = (assetId: string) => {
    run.reset();
    setSource(assetId);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (source) void run.submit(upscaleJob(choice, source, values));
  };
  return (
    <Stack gap="md">
      <AssetPicker label="Image to upscale" value={source} onChange={pick} />
      <ApiErrorAlert error={asset.error} title="That image could not be opened" />
      {source && (
        <Paper withBorder p="md" component="form" aria-label="Upscale the image" onSubmit={submit}>
          <Stack gap="sm">
            <ModeField
              choice={choice}
              onChange={(next) => {
                setChoice(next);
                update({ creativity: null });
              }}
              info={info}
            />
            {choice === "auto" && <PresetFields values={values} update={update} />}
            {info?.creativity && <PromptFields creativity={info.creativity} values={values} update={update} />}
            <Text size="sm" fw={500} id={qualityLabel}>
              Quality
            </Text>
            <SegmentedControl
              aria-labelledby={qualityLabel}
              data={[...QUALITIES]}
              value={values.quality}
              onChange={(tier) => {
                update({ quality: QUALITIES.find((q) => q === tier) ?? values.quality });
              }}
            />
            {renderEstimate(upscaleJob(choice, source, values))}
            <ApiErrorAlert error={run.error} />
            <Button type="submit" loading={run.submitting} disabled={running} w="fit-content">
              Upscale ({info?.label.toLowerCase() ?? "auto"})
            </Button>
            {run.job && <JobStatus job={run.job} />}
            {explained && (
              <Text size="sm" data-testid="auto-choice">
                {describeChoice(explained)}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      {asset.data && result.data && (
        <Stack gap="xs" component="section" aria-label="Before and after">
          <CompareSlider before={asset.data} after={result.data} />
          {renderActions(result.data.id)}
        </Stack>
      )}
    </Stack>
  );
}
