import type { JobCreate } from "@/lib/api/create-job";

type OverlayParams = Extract<JobCreate, { kind: "edit.text_overlay" }>["params"];
type WatermarkParams = Extract<JobCreate, { kind: "edit.watermark" }>["params"];
export type OverlayFont = OverlayParams["font"];
export type Anchor = OverlayParams["anchor"];
export type Corner = WatermarkParams["corner"];

export const FONTS: readonly { value: OverlayFont; label: string; css: string }[] = [
  { value: "sans", label: "Sans (Noto Sans)", css: "sans-serif" },
  { value: "sans-bold", label: "Sans bold", css: "bold sans-serif" },
  { value: "serif", label: "Serif (Noto Serif)", css: "serif" },
  { value: "display", label: "Display (League Spartan)", css: "900 sans-serif" },
  { value: "brand", label: "The brand kit's font", css: "sans-serif" },
];
export const ANCHORS: readonly Anchor[] = [
  "top-left", "top", "top-right", "left", "center", "right", "bottom-left", "bottom", "bottom-right",
];
export const CORNERS: readonly Corner[] = ["top-left", "top-right", "bottom-left", "bottom-right", "center"];

/** The fields of a text overlay and of a watermark. */
export interface OverlayValues {
  text: string;
  font: OverlayFont;
  /** Pixels per line; null: the largest that fits. */
  size: number | null;
  /** `#RRGGBB`; empty: white or near-black, whichever contrasts more. */
  color: string;
  anchor: Anchor;
  /** A band behind the text in this colour; empty: none. */
  band: string;
  shadow: boolean;
  margin: number;
  platformFormat: string;
  brandKit: string | null;
  logoAssetId: string | null;
  corner: Corner;
  opacity: number;
  scale: number;
}

export const INITIAL_OVERLAY: OverlayValues = {
  text: "",
  font: "sans",
  size: null,
  color: "",
  anchor: "bottom",
  band: "",
  shadow: false,
  margin: 32,
  platformFormat: "",
  brandKit: null,
  logoAssetId: null,
  corner: "bottom-right",
  opacity: 0.8,
  scale: 0.15,
};

const optional = (text: string) => (text.trim() ? text.trim() : null);

/** The params of a text overlay as the form sets them. */
export function textOverlayParams(assetId: string, values: OverlayValues): Partial<OverlayParams> & { asset_id: string } {
  return {
    asset_id: assetId,
    text: values.text,
    font: values.font,
    size: values.size ?? "auto",
    color: optional(values.color) ?? "auto",
    anchor: values.anchor,
    band: optional(values.band),
    shadow: values.shadow,
    margin: values.margin,
    platform_format: optional(values.platformFormat),
    brand_kit: values.brandKit,
  };
}

/** The params of a watermark as the form sets them. */
export function watermarkParams(assetId: string, values: OverlayValues): Partial<WatermarkParams> & { asset_id: string } {
  return {
    asset_id: assetId,
    logo_asset_id: values.logoAssetId,
    brand_kit: values.brandKit,
    corner: values.corner,
    opacity: values.opacity,
    scale: values.scale,
    platform_format: optional(values.platformFormat),
  };
}
