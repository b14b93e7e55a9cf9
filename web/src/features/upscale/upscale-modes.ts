import type { Schemas } from "@/lib/api-client";
import type { JobCreate } from "@/lib/api/create-job";

export type UpscaleKind = Extract<JobCreate["kind"], `upscale.${string}`>;
type ParamsOf<K extends UpscaleKind> = Extract<JobCreate, { kind: K }>["params"];
export type Quality = ParamsOf<"upscale.fast">["quality"];
export type UpscaleMode = "fast" | "conservative" | "creative";
export type ModeChoice = UpscaleMode | "auto";
export type Preset = "none" | NonNullable<ParamsOf<"upscale.auto">["preset"]>;
export type UpscaleChoice = Schemas["UpscaleChoice"];

/** `upscale.auto`: the server chooses, from the source, and explains its choice on the job. */
export const AUTO_HINT =
  "The server chooses fast, conservative or creative from the image's size, noise, faces and text and the target size, and explains why.";

export interface ModeInfo {
  mode: UpscaleMode;
  label: string;
  hint: string;
  /** The creativity range and default of the API, for the modes that take a prompt. */
  creativity?: { min: number; max: number; initial: number };
}

/** The API's `upscale.*` kinds, as their descriptions in the OpenAPI document put them. */
export const MODES: readonly ModeInfo[] = [
  { mode: "fast", label: "Fast", hint: "Four times each side, sharpened (at most 1 MP in, so at most 16 MP out)." },
  {
    mode: "conservative",
    label: "Conservative",
    hint: "To about 4 MP, keeping the image as it is.",
    creativity: { min: 0.2, max: 0.5, initial: 0.35 },
  },
  {
    mode: "creative",
    label: "Creative",
    hint: "Up to 4K, re-imagining detail: best for small, degraded images under 1 MP.",
    creativity: { min: 0.1, max: 0.5, initial: 0.3 },
  },
];

export function modeInfo(mode: UpscaleMode): ModeInfo {
  return MODES.find((info) => info.mode === mode) ?? (MODES[0] as ModeInfo);
}

export interface UpscaleValues {
  quality: Quality;
  prompt: string;
  negativePrompt: string;
  creativity: number | null;
  preset: Preset;
  /** The print size of the `print` preset, in millimetres (at 300 dpi). */
  printWidthMm: number;
  printHeightMm: number;
  /** The platform format id of the `social` preset. */
  platformFormat: string;
}

/** "Auto chose creative: noisy source …; 0 face(s)", as the job explains it. */
export function describeChoice(choice: UpscaleChoice): string {
  const [width, height] = choice.target;
  const reasons = choice.reasons.map((reason) => reason.message).join("; ");
  return `Auto chose ${choice.mode} (${width}×${height}): ${reasons}.`;
}

/** A job as sent: the params the form sets; the API fills in its defaults for the rest. */
function request<K extends UpscaleKind>(kind: K, params: Partial<ParamsOf<K>> & { asset_id: string }): JobCreate {
  return { kind, params } as unknown as JobCreate;
}

function autoJob(assetId: string, values: UpscaleValues): JobCreate {
  const base = { asset_id: assetId, quality: values.quality };
  if (values.preset === "web") return request("upscale.auto", { ...base, preset: "web" });
  if (values.preset === "social") {
    return request("upscale.auto", { ...base, preset: "social", platform_format: values.platformFormat });
  }
  if (values.preset === "print") {
    const size = { width: values.printWidthMm, height: values.printHeightMm, unit: "mm" as const, dpi: 300 };
    return request("upscale.auto", { ...base, preset: "print", print_size: size });
  }
  return request("upscale.auto", base);
}

export function upscaleJob(mode: ModeChoice, assetId: string, values: UpscaleValues): JobCreate {
  const base = { asset_id: assetId, quality: values.quality };
  if (mode === "auto") return autoJob(assetId, values);
  if (mode === "fast") return request("upscale.fast", base);
  const prompted = {
    ...base,
    prompt: values.prompt,
    negative_prompt: values.negativePrompt.trim() ? values.negativePrompt : null,
    ...(values.creativity === null ? {} : { creativity: values.creativity }),
  };
  return mode === "conservative" ? request("upscale.conservative", prompted) : request("upscale.creative", prompted);
}
