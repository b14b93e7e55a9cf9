import type { JobCreate } from "@/lib/api/create-job";

/** The single-control kinds (`control.multi` has a form of its own). */
export type ControlKind = Exclude<Extract<JobCreate["kind"], `control.${string}`>, "control.multi">;
type ParamsOf<K extends ControlKind> = Extract<JobCreate, { kind: K }>["params"];
export type Quality = ParamsOf<"control.sketch">["quality"];
export type StyleRatio = ParamsOf<"control.style">["aspect_ratio"];

export interface ControlKindInfo {
  kind: ControlKind;
  label: string;
  hint: string;
  /** The strength param: how closely the result follows the control image. */
  strength: { param: string; label: string; min: number; initial: number };
}

/** The API's `control.*` kinds, with each one's strength param and default. */
export const CONTROL_KINDS: readonly ControlKindInfo[] = [
  {
    kind: "control.sketch",
    label: "Sketch",
    hint: "A finished image from a sketch, at the sketch's size.",
    strength: { param: "control_strength", label: "Control strength", min: 0, initial: 0.7 },
  },
  {
    kind: "control.structure",
    label: "Structure",
    hint: "A new image keeping the control image's structure (edges, layout), at its size.",
    strength: { param: "control_strength", label: "Control strength", min: 0, initial: 0.7 },
  },
  {
    kind: "control.style",
    label: "Style",
    hint: "A new image (about 1 MP) in the style of the control image.",
    strength: { param: "fidelity", label: "Style fidelity", min: 0, initial: 0.5 },
  },
  {
    kind: "control.style_transfer",
    label: "Style transfer",
    hint: "The control image redrawn in the style of a second, style image.",
    strength: { param: "style_strength", label: "Style strength", min: 0, initial: 1 },
  },
];

export const STYLE_RATIOS: readonly StyleRatio[] = ["21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21"];

export function controlInfo(kind: ControlKind): ControlKindInfo {
  return CONTROL_KINDS.find((info) => info.kind === kind) ?? (CONTROL_KINDS[0] as ControlKindInfo);
}

export interface ControlValues {
  prompt: string;
  negativePrompt: string;
  style: string | null;
  quality: Quality;
  strength: number | null;
  aspectRatio: StyleRatio;
  styleAssetId: string | null;
}

/** A job as sent: the params the form sets; the API fills in its defaults for the rest. */
function request<K extends ControlKind>(kind: K, params: Partial<ParamsOf<K>> & { asset_id: string }): JobCreate {
  return { kind, params } as unknown as JobCreate;
}

export function controlJob(kind: ControlKind, assetId: string, values: ControlValues): JobCreate {
  const strength = values.strength ?? controlInfo(kind).strength.initial;
  const common = {
    asset_id: assetId,
    quality: values.quality,
    negative_prompt: values.negativePrompt.trim() ? values.negativePrompt : null,
  };
  switch (kind) {
    case "control.sketch":
    case "control.structure":
      return request(kind, { ...common, prompt: values.prompt, style: values.style, control_strength: strength });
    case "control.style":
      return request(kind, {
        ...common, prompt: values.prompt, style: values.style, fidelity: strength, aspect_ratio: values.aspectRatio,
      });
    case "control.style_transfer":
      return request(kind, {
        ...common,
        prompt: values.prompt.trim() ? values.prompt : null,
        style_asset_id: values.styleAssetId ?? "",
        style_strength: strength,
      });
  }
}
