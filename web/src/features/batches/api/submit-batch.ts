import { useMutation } from "@tanstack/react-query";

import { authorizedFetch, idempotencyKey, type Schemas } from "@/lib/api-client";

export type BatchCheck = Schemas["BatchCheck"];
export type Batch = Schemas["BatchPublic"];

export interface Campaign {
  file: File;
  /** A job spec (JSON) whose strings may hold `{column}`; empty when each row is a whole job. */
  template: string;
  name: string;
}

function campaignForm(campaign: Campaign, dryRun: boolean): FormData {
  const form = new FormData();
  form.append("file", campaign.file, campaign.file.name);
  if (campaign.template.trim()) form.append("template", campaign.template.trim());
  if (campaign.name.trim()) form.append("name", campaign.name.trim());
  if (dryRun) form.append("dry_run", "true");
  return form;
}

/** `POST /v1/batches` with `dry_run`: every row's problems and the price, nothing created. */
export async function checkCampaign(campaign: Campaign): Promise<BatchCheck> {
  const response = await authorizedFetch("/v1/batches", { method: "POST", body: campaignForm(campaign, true) });
  return (await response.json()) as BatchCheck;
}

/** `POST /v1/batches`: the campaign's jobs, created only if every row is valid and affordable. */
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

export function useSubmitCampaign() {
  return useMutation({ mutationFn: submitCampaign });
}
