import { useMutation, useQueryClient } from "@tanstack/react-query";

import { authorizedFetch, idempotencyKey, type Schemas } from "@/lib/api-client";

import { type Schedule, scheduleFields } from "../schedule";

export type BatchCheck = Schemas["BatchCheck"];
export type Batch = Schemas["BatchPublic"];

export interface Campaign {
  file: File;
  /** A job spec (JSON) whose strings may hold `{column}`; empty when each row is a whole job. */
  template: string;
  name: string;
  /** When it runs (a dry run checks the time too; the price is the same either way). */
  schedule: Schedule;
  /** The brand kit whose logo watermarks every image (priced in the dry run too), or null. */
  watermark: string | null;
}

function campaignForm(campaign: Campaign, dryRun: boolean): FormData {
  const form = new FormData();
  form.append("file", campaign.file, campaign.file.name);
  if (campaign.template.trim()) form.append("template", campaign.template.trim());
  if (campaign.name.trim()) form.append("name", campaign.name.trim());
  if (campaign.watermark) form.append("watermark", JSON.stringify({ brand_kit: campaign.watermark }));
  for (const [field, value] of Object.entries(scheduleFields(campaign.schedule))) form.append(field, value);
  if (dryRun) form.append("dry_run", "true");
  return form;
}

/** `POST /v1/batches` with `dry_run`: every row's problems and the price, nothing created. */
export async function checkCampaign(campaign: Campaign): Promise<BatchCheck> {
  const response = await authorizedFetch("/v1/batches", { method: "POST", body: campaignForm(campaign, true) });
  return (await response.json()) as BatchCheck;
}

/** `POST /v1/batches`: the campaign's jobs, created only if every row is valid and affordable,
 * run now or held `scheduled` until their time. */
export async function submitCampaign(campaign: Campaign): Promise<Batch> {
  const response = await authorizedFetch("/v1/batches", {
    method: "POST",
    body: campaignForm(campaign, false),
    headers: { "Idempotency-Key": idempotencyKey() },
  });
  return (await response.json()) as Batch;
}

export function useCheckCampaign() {
  return useMutation({ mutationFn: checkCampaign });
}

/** A submitted batch joins the recent ones at once (a scheduled one may not change for hours). */
export function useSubmitCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: submitCampaign,
    onSuccess: () => client.invalidateQueries({ queryKey: ["batches", "list"] }),
  });
}
