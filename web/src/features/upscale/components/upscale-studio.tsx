import { Button, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import { type ReactNode, type SubmitEvent, useId, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetPicker } from "@/components/ui/asset-picker";
import { JobStatus } from "@/components/ui/job-status";
import type { JobCreate } from "@/lib/api/create-job";
import { useAsset } from "@/lib/api/get-asset";
import { FINAL_STATUSES, useJobRun } from "@/lib/use-job-run";
import { useAssetParam } from "@/lib/use-asset-param";

import { type Quality, type UpscaleValues, autoMode, modeInfo, upscaleJob } from "../upscale-modes";
import { CompareSlider } from "./compare-slider";
import { type ModeChoice, ModeField, PromptFields } from "./upscale-fields";

interface UpscaleStudioProps {
  renderEstimate: (job: JobCreate | null) => ReactNode;
  /** What can be done with the result (studios, download, library). */
  renderActions: (assetId: string) => ReactNode;
}

const QUALITIES: readonly Quality[] = ["draft", "standard", "premium"];
const INITIAL: UpscaleValues = { quality: "draft", prompt: "", negativePrompt: "", creativity: null };

/** Upscale an image in one of the API's modes (or one picked from its size) and compare. */
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
  const { width, height } = asset.data ?? {};
  const auto = width && height ? autoMode(width, height) : null;
  const mode = choice === "auto" ? (auto?.mode ?? "fast") : choice;
  const info = modeInfo(mode);
  const resultId = run.job?.status === "completed" ? run.job.asset_ids?.[0] : undefined;
  const result = useAsset(resultId ?? null);
  const running = run.job !== undefined && !FINAL_STATUSES.has(run.job.status);

  const pick = (assetId: string) => {
    run.reset();
    setSource(assetId);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (source) void run.submit(upscaleJob(mode, source, values));
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
              auto={auto}
              info={info}
            />
            {info.creativity && <PromptFields creativity={info.creativity} values={values} update={update} />}
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
            {renderEstimate(upscaleJob(mode, source, values))}
            <ApiErrorAlert error={run.error} />
            <Button type="submit" loading={run.submitting} disabled={running} w="fit-content">
              Upscale ({info.label.toLowerCase()})
            </Button>
            {run.job && <JobStatus job={run.job} />}
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
