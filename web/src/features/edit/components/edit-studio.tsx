import { Alert, Button, Grid, Paper, Select, Stack, Text } from "@mantine/core";
import { type ReactNode, type SubmitEvent, useMemo, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetPicker } from "@/components/ui/asset-picker";
import { JobStatus } from "@/components/ui/job-status";
import type { JobCreate } from "@/lib/api/create-job";
import { useAsset } from "@/lib/api/get-asset";
import { useAssetParam } from "@/lib/use-asset-param";

import { EDIT_KINDS, type EditKind, kindInfo } from "../edit-kinds";
import { useApplyEdit } from "../hooks/use-apply-edit";
import { editJob, useEditValues } from "../hooks/use-edit-values";
import { useMaskPainting } from "../hooks/use-mask-painting";
import { EditCanvas } from "./edit-canvas";
import { KindFields } from "./kind-fields";
import { QualityField } from "./quality-field";
import { VersionHistory } from "./version-history";

interface EditStudioProps {
  /** The live estimate of the edit as the form stands (`null` until there is an image). */
  renderEstimate: (job: JobCreate | null) => ReactNode;
}

/** Edit an image: every edit kind, a painted mask, dragged canvas edges, and its version history. */
export function EditStudio({ renderEstimate }: EditStudioProps) {
  const [working, setWorking] = useAssetParam();
  const [kind, setKind] = useState<EditKind>("edit.erase");
  const info = kindInfo(kind);
  const { values, update, resetExtend } = useEditValues();
  const painting = useMaskPainting();
  const asset = useAsset(working);
  const workOn = (assetId: string) => {
    painting.clear();
    setWorking(assetId);
  };
  const edit = useApplyEdit({
    working,
    kind,
    values,
    painting,
    onMade: (made) => {
      resetExtend();
      workOn(made);
    },
  });
  // Priced by kind and engine only: the mask is uploaded when the edit is applied, so the
  // estimate names the image itself in its place.
  const estimable = useMemo(
    () => (working ? editJob(kind, working, values, info.mask === "required" ? working : null) : null),
    [kind, working, values, info.mask],
  );
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void edit.apply();
  };

  const width = asset.data?.width;
  const height = asset.data?.height;
  return (
    <Stack gap="md">
      <AssetPicker label="Image to edit" value={working} onChange={workOn} />
      <ApiErrorAlert error={asset.error} title="That image could not be opened" />
      {working && width && height && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper withBorder p="md" component="form" aria-label="Edit the image" onSubmit={submit}>
              <Stack gap="sm">
                <Select
                  label="Edit"
                  allowDeselect={false}
                  data={EDIT_KINDS.map((k) => ({ value: k.kind, label: k.label }))}
                  value={kind}
                  onChange={(next) => {
                    setKind(EDIT_KINDS.find((k) => k.kind === next)?.kind ?? kind);
                  }}
                />
                <Text size="sm">{info.hint}</Text>
                <EditCanvas
                  info={info}
                  assetId={working}
                  width={width}
                  height={height}
                  painting={painting}
                  values={values}
                  onExtend={(extend) => {
                    update({ extend });
                  }}
                />
                <KindFields kind={kind} values={values} update={update} error={edit.run.error} />
                <QualityField
                  value={values.quality}
                  onChange={(quality) => {
                    update({ quality });
                  }}
                />
                {renderEstimate(estimable)}
                {edit.maskMissing && (
                  <Alert color="orange" role="alert" title="No mask yet">
                    Paint over what to change on the image first.
                  </Alert>
                )}
                <ApiErrorAlert error={edit.uploadError} title="The mask upload was refused" />
                <ApiErrorAlert error={edit.run.error} />
                <Button type="submit" loading={edit.busy} disabled={edit.running} w="fit-content">
                  Apply: {info.label}
                </Button>
                {edit.run.job && <JobStatus job={edit.run.job} />}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <VersionHistory workingId={working} onReverted={workOn} />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
