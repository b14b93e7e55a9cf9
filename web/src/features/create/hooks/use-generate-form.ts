import { useCallback, useMemo, useState } from "react";

import type { JobCreate } from "@/lib/api/create-job";
import type { ApiError } from "@/lib/api-error";

type GenerateJob = Extract<JobCreate, { kind: "generate" }>;
export type GenerateParams = GenerateJob["params"];
export type AspectRatio = NonNullable<GenerateParams["aspect_ratio"]>;
export type Quality = GenerateParams["quality"];

/** What the form holds; `null` leaves a choice to the template or the API's default. */
export interface GenerateForm {
  prompt: string;
  negativePrompt: string;
  template: string | null;
  style: string | null;
  aspectRatio: AspectRatio | null;
  brandKit: string | null;
  provider: string;
  model: string | null;
  quality: Quality;
  seed: number | null;
  variations: number;
}

const INITIAL: GenerateForm = {
  prompt: "",
  negativePrompt: "",
  template: null,
  style: null,
  aspectRatio: null,
  brandKit: null,
  provider: "auto",
  model: null,
  quality: "standard",
  seed: null,
  variations: 4,
};

/** The job as sent: only what the form sets; the API fills in its defaults for the rest. */
export function generateJob(form: GenerateForm): JobCreate {
  const params: Partial<GenerateParams> & Pick<GenerateParams, "prompt"> = {
    prompt: form.prompt,
    negative_prompt: form.negativePrompt.trim() ? form.negativePrompt : null,
    template: form.template,
    style: form.style,
    aspect_ratio: form.aspectRatio,
    brand_kit: form.brandKit,
    provider: form.provider,
    model: form.model,
    quality: form.quality,
    seed: form.seed,
    variations: form.variations,
  };
  return { kind: "generate", params } as GenerateJob;
}

export interface GenerateFormState {
  form: GenerateForm;
  update: (patch: Partial<GenerateForm>) => void;
  /** The job to estimate, or `null` while there is no prompt to price. */
  estimable: JobCreate | null;
}

export function useGenerateForm(): GenerateFormState {
  const [form, setForm] = useState<GenerateForm>(INITIAL);
  const update = useCallback((patch: Partial<GenerateForm>) => {
    setForm((current) => ({ ...current, ...patch }));
  }, []);
  const estimable = useMemo(() => (form.prompt.trim() ? generateJob(form) : null), [form]);
  return { form, update, estimable };
}

/** The API's message about one of the params, from a refusal's field details. */
export function paramError(error: ApiError | null, name: keyof GenerateParams): string | undefined {
  return error?.details.find((detail) => detail.loc === `params.${name}`)?.message;
}

/** What each group of the form's fields is given. */
export interface FieldsProps {
  form: GenerateForm;
  update: (patch: Partial<GenerateForm>) => void;
  /** The last refusal, whose field details show beside their fields. */
  error: ApiError | null;
}
