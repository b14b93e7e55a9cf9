import type { JobCreate } from "@/lib/api/create-job";

export type UpscaleKind = Extract<JobCreate["kind"], `upscale.${string}`>;
type ParamsOf<K extends UpscaleKind> = Extract<JobCreate, { kind: K }>["params"];
export type Quality = ParamsOf<"upscale.fast">["quality"];
export type UpscaleMode = "fast" | "conservative" | "creative";

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

const ONE_MP = 1_048_576;
const FAST_LONGEST_SIDE = 1536;

/**
 * The API has no `auto` mode: this console picks one from the image's size. Fast when it may
 * (at most 1 MP and 1,536 px a side: no prompt, cheapest), else conservative.
 */
export function autoMode(width: number, height: number): { mode: UpscaleMode; reason: string } {
  const size = `${width}×${height}`;
  if (width * height <= ONE_MP && Math.max(width, height) <= FAST_LONGEST_SIDE) {
    return {
      mode: "fast",
      reason: `${size} is at most 1 MP, so fast can take it to ${width * 4}×${height * 4} without a prompt.`,
    };
  }
  return {
    mode: "conservative",
    reason: `${size} is over what fast takes (1 MP, 1,536 px a side); conservative keeps it as it is at about 4 MP.`,
  };
}

export interface UpscaleValues {
  quality: Quality;
  prompt: string;
  negativePrompt: string;
  creativity: number | null;
}

/** A job as sent: the params the form sets; the API fills in its defaults for the rest. */
function request<K extends UpscaleKind>(kind: K, params: Partial<ParamsOf<K>> & { asset_id: string }): JobCreate {
  return { kind, params } as unknown as JobCreate;
}

export function upscaleJob(mode: UpscaleMode, assetId: string, values: UpscaleValues): JobCreate {
  const base = { asset_id: assetId, quality: values.quality };
  if (mode === "fast") return request("upscale.fast", base);
  const prompted = {
    ...base,
    prompt: values.prompt,
    negative_prompt: values.negativePrompt.trim() ? values.negativePrompt : null,
    ...(values.creativity === null ? {} : { creativity: values.creativity }),
  };
  return mode === "conservative" ? request("upscale.conservative", prompted) : request("upscale.creative", prompted);
}
