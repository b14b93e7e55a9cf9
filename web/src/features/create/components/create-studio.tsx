import { Button, Divider, Group, Paper, Stack, Title } from "@mantine/core";
import { type SubmitEvent, useEffect, useRef } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { JobStatus } from "@/components/ui/job-status";
import { useProviders } from "@/lib/api/list-catalog";
import { useJobRun } from "@/lib/use-job-run";

import { generateJob, useGenerateForm } from "../hooks/use-generate-form";
import { EngineFields, pinProvider, QUALITIES } from "./engine-fields";
import { JobEstimate } from "./job-estimate";
import { LookFields } from "./look-fields";
import { PromptFields } from "./prompt-fields";
import { RecommendationList } from "./recommendation-list";
import { ResultsGrid } from "./results-grid";
import { TemplatePicker } from "./template-picker";
import { VariationFields } from "./variation-fields";

/** Text to image: the form, its live estimate, and the variations as they are made. */
export function CreateStudio() {
  const { form, update, estimable } = useGenerateForm();
  const providers = useProviders().data?.items ?? [];
  const run = useJobRun();
  const results = useRef<HTMLDivElement>(null);
  const jobId = run.job?.id;
  useEffect(() => {
    if (jobId) results.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [jobId]);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void run.submit(generateJob(form));
  };
  const takeAlternative = (params: Record<string, string>) => {
    const quality = QUALITIES.find((tier) => tier === params.quality) ?? form.quality;
    const pinned = pinProvider(providers, params.provider ?? form.provider, quality);
    update({ ...pinned, model: params.model ?? null });
  };
  const prompt = form.prompt.trim();
  const asked = prompt ? { kind: "generate", prompt, ...(form.style ? { style: form.style } : {}) } : null;
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="form" aria-label="Generate images" onSubmit={submit}>
        <Stack gap="md">
          <PromptFields form={form} update={update} error={run.error} />
          <TemplatePicker
            value={form.template}
            onChange={(template) => {
              update({ template });
            }}
          />
          <LookFields form={form} update={update} error={run.error} />
          <EngineFields form={form} update={update} error={run.error} />
          <VariationFields form={form} update={update} error={run.error} />
          <Divider />
          <RecommendationList request={asked} onPick={takeAlternative} />
          <JobEstimate job={estimable} emptyHint="Write a prompt to see the estimate." onUseAlternative={takeAlternative} />
          <ApiErrorAlert error={run.error} />
          <Group>
            <Button type="submit" loading={run.submitting}>
              Generate {form.variations} {form.variations === 1 ? "image" : "images"}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {run.job && (
        <Stack gap="sm" component="section" aria-label="Results" ref={results}>
          <Title order={2} size="h3">
            Results
          </Title>
          <JobStatus job={run.job} />
          <ResultsGrid job={run.job} />
        </Stack>
      )}
    </Stack>
  );
}
