import { Button, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import { type ReactNode, type SubmitEvent, useId, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetImage } from "@/components/ui/asset-image";
import { AssetPicker } from "@/components/ui/asset-picker";
import { JobStatus } from "@/components/ui/job-status";
import type { JobCreate } from "@/lib/api/create-job";
import { FINAL_STATUSES, useJobRun } from "@/lib/use-job-run";
import { useAssetParam } from "@/lib/use-asset-param";

import { CONTROL_KINDS, type ControlKind, type ControlValues, type Quality, controlInfo, controlJob } from "../control-kinds";
import { ControlFields } from "./control-fields";
import { MultiControlStudio } from "./multi-control-studio";

interface ControlStudioProps {
  renderEstimate: (job: JobCreate | null) => ReactNode;
  /** What can be done with the result (studios, download, library). */
  renderActions: (assetId: string) => ReactNode;
}

const QUALITIES: readonly Quality[] = ["standard", "premium"];
const INITIAL: ControlValues = {
  prompt: "",
  negativePrompt: "",
  style: null,
  quality: "standard",
  strength: null,
  aspectRatio: "1:1",
  styleAssetId: null,
};

/** One control image, or several combined (`control.multi`). */
export function ControlStudio(props: ControlStudioProps) {
  const id = useId();
  const [several, setSeveral] = useState(false);
  return (
    <Stack gap="md">
      <Text size="sm" fw={500} id={id}>
        Controls
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        data={[
          { value: "one", label: "One control" },
          { value: "several", label: "Several controls" },
        ]}
        value={several ? "several" : "one"}
        onChange={(value) => {
          setSeveral(value === "several");
        }}
      />
      {several ? <MultiControlStudio {...props} /> : <SingleControlStudio {...props} />}
    </Stack>
  );
}

/** A new image guided by a control image: its sketch, structure or style, at a chosen strength. */
function SingleControlStudio({ renderEstimate, renderActions }: ControlStudioProps) {
  const ids = { kind: useId(), quality: useId() };
  const [source, setSource] = useAssetParam();
  const [kind, setKind] = useState<ControlKind>("control.sketch");
  const info = controlInfo(kind);
  const [values, setValues] = useState<ControlValues>(INITIAL);
  const update = (patch: Partial<ControlValues>) => {
    setValues((current) => ({ ...current, ...patch }));
  };
  const run = useJobRun();
  const running = run.job !== undefined && !FINAL_STATUSES.has(run.job.status);
  const resultId = run.job?.status === "completed" ? run.job.asset_ids?.[0] : undefined;
  const transfer = kind === "control.style_transfer";
  const estimable = source && (transfer || values.prompt.trim()) ? controlJob(kind, source, values) : null;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (source) void run.submit(controlJob(kind, source, values));
  };
  return (
    <Stack gap="md">
      <Text size="sm" fw={500} id={ids.kind}>
        Control by
      </Text>
      <SegmentedControl
        aria-labelledby={ids.kind}
        data={CONTROL_KINDS.map((k) => ({ value: k.kind, label: k.label }))}
        value={kind}
        onChange={(next) => {
          setKind(CONTROL_KINDS.find((k) => k.kind === next)?.kind ?? kind);
          update({ strength: null });
        }}
      />
      <Text size="sm">{info.hint}</Text>
      <AssetPicker label="Control image" value={source} onChange={setSource} />
      {transfer && (
        <AssetPicker
          label="Style image"
          value={values.styleAssetId}
          onChange={(styleAssetId) => {
            update({ styleAssetId });
          }}
        />
      )}
      {source && (
        <Paper withBorder p="md" component="form" aria-label="Make an image from the control image" onSubmit={submit}>
          <Stack gap="sm">
            <ControlFields info={info} values={values} update={update} />
            <Text size="sm" fw={500} id={ids.quality}>
              Quality
            </Text>
            <SegmentedControl
              aria-labelledby={ids.quality}
              data={[...QUALITIES]}
              value={values.quality}
              onChange={(tier) => {
                update({ quality: QUALITIES.find((q) => q === tier) ?? values.quality });
              }}
            />
            {renderEstimate(estimable)}
            <ApiErrorAlert error={run.error} />
            <Button type="submit" loading={run.submitting} disabled={running} w="fit-content">
              Make it ({info.label.toLowerCase()})
            </Button>
            {run.job && <JobStatus job={run.job} />}
          </Stack>
        </Paper>
      )}
      {resultId && (
        <Stack gap="xs" component="section" aria-label="Result">
          <AssetImage assetId={resultId} alt={`Result of ${info.label.toLowerCase()} control`} height={360} />
          {renderActions(resultId)}
        </Stack>
      )}
    </Stack>
  );
}
