import { useCallback, useState } from "react";

import type { JobCreate } from "@/lib/api/create-job";
import type { ApiError } from "@/lib/api-error";

import type { EditKind } from "../edit-kinds";
import { INITIAL_OVERLAY, type OverlayValues, textOverlayParams, watermarkParams } from "./overlay-values";

type ParamsOf<K extends EditKind> = Extract<JobCreate, { kind: K }>["params"];
export type Quality = ParamsOf<"edit.erase">["quality"];
export type LightDirection = NonNullable<ParamsOf<"edit.replace_background">["light_source_direction"]>;
export type Side = "left" | "right" | "up" | "down";

/** The fields of every edit kind; each kind sends the ones it takes. */
export interface EditValues {
  quality: Quality;
  seed: number | null;
  prompt: string;
  negativePrompt: string;
  searchPrompt: string;
  selectPrompt: string;
  instruction: string;
  backgroundPrompt: string;
  foregroundPrompt: string;
  lightDirection: LightDirection | null;
  growMask: number | null;
  creativity: number;
  extend: Record<Side, number>;
  overlay: OverlayValues;
}

const INITIAL: EditValues = {
  quality: "draft",
  seed: null,
  prompt: "",
  negativePrompt: "",
  searchPrompt: "",
  selectPrompt: "",
  instruction: "",
  backgroundPrompt: "",
  foregroundPrompt: "",
  lightDirection: null,
  growMask: null,
  creativity: 0.5,
  extend: { left: 0, right: 0, up: 0, down: 0 },
  overlay: INITIAL_OVERLAY,
};

/** A job as sent: the params the form sets; the API fills in its defaults for the rest. */
function request<K extends EditKind>(kind: K, params: Partial<ParamsOf<K>> & { asset_id: string }): JobCreate {
  return { kind, params } as unknown as JobCreate;
}

const optional = (text: string) => (text.trim() ? text : null);

/** The edit job of `kind` on `assetId` (and its mask, for the kinds that take one). */
export function editJob(kind: EditKind, assetId: string, values: EditValues, maskId: string | null): JobCreate {
  const base = { asset_id: assetId, quality: values.quality, seed: values.seed };
  const grow = values.growMask === null ? {} : { grow_mask: values.growMask };
  const negative = { negative_prompt: optional(values.negativePrompt) };
  switch (kind) {
    case "edit.erase":
      return request(kind, { ...base, ...grow, mask_id: maskId ?? "" });
    case "edit.inpaint":
      return request(kind, { ...base, ...grow, ...negative, mask_id: maskId ?? "", prompt: values.prompt });
    case "edit.outpaint":
      return request(kind, { ...base, ...values.extend, creativity: values.creativity, prompt: optional(values.prompt) });
    case "edit.search_replace":
      return request(kind, { ...base, ...grow, ...negative, prompt: values.prompt, search_prompt: values.searchPrompt });
    case "edit.search_recolor":
      return request(kind, {
        ...base, ...grow, ...negative, prompt: values.prompt, select_prompt: values.selectPrompt, mask_id: maskId,
      });
    case "edit.remove_background":
      return request(kind, base);
    case "edit.replace_background":
      return request(kind, {
        ...base,
        ...negative,
        background_prompt: optional(values.backgroundPrompt),
        foreground_prompt: optional(values.foregroundPrompt),
        light_source_direction: values.lightDirection,
      });
    case "edit.instruct":
      return request(kind, { ...base, instruction: values.instruction });
    case "edit.text_overlay":
      return request(kind, { ...textOverlayParams(assetId, values.overlay), seed: values.seed });
    case "edit.watermark":
      return request(kind, { ...watermarkParams(assetId, values.overlay), seed: values.seed });
  }
}

/** The API's message about one of the params, from a refusal's field details. */
export function paramError(error: ApiError | null, name: string): string | undefined {
  return error?.details.find((detail) => detail.loc === `params.${name}`)?.message;
}

export function useEditValues() {
  const [values, setValues] = useState<EditValues>(INITIAL);
  const update = useCallback((patch: Partial<EditValues>) => {
    setValues((current) => ({ ...current, ...patch }));
  }, []);
  const resetExtend = useCallback(() => {
    setValues((current) => ({ ...current, extend: INITIAL.extend }));
  }, []);
  return { values, update, resetExtend };
}
