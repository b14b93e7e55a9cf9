import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import type { Job } from "@/lib/api/create-job";
import { useUploadFile } from "@/lib/api/upload-file";
import { FINAL_STATUSES, useJobRun } from "@/lib/use-job-run";

import { VERSIONS_KEY } from "../api/list-versions";
import { type EditKind, kindInfo } from "../edit-kinds";
import { type EditValues, editJob } from "./use-edit-values";
import { type MaskPainting, maskPng } from "./use-mask-painting";

/** Calls the latest `handler` once per finished job, whatever re-rendered in between. */
function useOncePerJob(handler: (job: Job) => void): (job: Job) => void {
  const latest = useRef(handler);
  const handled = useRef<string | null>(null);
  useEffect(() => {
    latest.current = handler;
  });
  return useCallback((job: Job) => {
    if (handled.current === job.id) return;
    handled.current = job.id;
    latest.current(job);
  }, []);
}

interface ApplyEdit {
  working: string | null;
  kind: EditKind;
  values: EditValues;
  painting: MaskPainting;
  /** The new version, once the edit has made it. */
  onMade: (assetId: string) => void;
}

/** Apply the edit: upload the painted mask (for the kinds that take one), then run the job. */
export function useApplyEdit({ working, kind, values, painting, onMade }: ApplyEdit) {
  const client = useQueryClient();
  const upload = useUploadFile();
  const [maskMissing, setMaskMissing] = useState(false);
  const onFinished = useOncePerJob((job) => {
    const made = job.asset_ids?.[0];
    if (job.status !== "completed" || !made) return;
    void client.invalidateQueries({ queryKey: VERSIONS_KEY });
    onMade(made);
  });
  const run = useJobRun(onFinished);
  const mask = kindInfo(kind).mask;

  const uploadMask = async (): Promise<string | null> => {
    if (!painting.canvas.current) return null;
    const file = await maskPng(painting.canvas.current);
    const uploaded = await upload.mutateAsync({ file, filename: "mask.png" }).catch(() => null);
    return uploaded?.id ?? null;
  };
  const apply = async () => {
    if (!working) return;
    const unmasked = mask === "required" && !painting.painted;
    setMaskMissing(unmasked);
    if (unmasked) return;
    let maskId: string | null = null;
    if (mask !== "none" && painting.painted) {
      maskId = await uploadMask();
      if (!maskId) return; // the upload's refusal is shown
    }
    await run.submit(editJob(kind, working, values, maskId));
  };
  return {
    run,
    apply,
    uploadError: upload.error,
    busy: run.submitting || upload.isPending,
    running: run.job !== undefined && !FINAL_STATUSES.has(run.job.status),
    maskMissing,
  };
}
