import type { CSSProperties } from "react";

import type { Platform } from "@/lib/api/list-catalog";

const COVERED = "rgba(224, 49, 49, 0.38)";
const OUTLINE = "2px solid rgba(47, 158, 68, 0.95)";

/** The part every device shows, as fractions of the image: left, top, right, bottom. */
type Area = [number, number, number, number];

function safeArea(preset: Platform): Area | null {
  const { width: w, height: h } = preset;
  if (preset.safe) {
    const { left, top, right, bottom } = preset.safe;
    return [left / w, top / h, 1 - right / w, 1 - bottom / h];
  }
  if (preset.safe_box) {
    const [boxW = w, boxH = h] = preset.safe_box;
    const x = (w - Math.min(boxW, w)) / 2 / w;
    const y = (h - Math.min(boxH, h)) / 2 / h;
    return [x, y, 1 - x, 1 - y];
  }
  return null;
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

function band(style: CSSProperties): CSSProperties {
  return { position: "absolute", background: COVERED, ...style };
}

/** The bands UI overlays cover (red) around the area shown everywhere (green outline). */
function Bands({ area }: { area: Area }) {
  const [x0, y0, x1, y1] = area;
  const middle = { top: percent(y0), height: percent(y1 - y0) };
  return (
    <>
      <div style={band({ left: 0, right: 0, top: 0, height: percent(y0) })} />
      <div style={band({ left: 0, right: 0, top: percent(y1), bottom: 0 })} />
      <div style={band({ left: 0, width: percent(x0), ...middle })} />
      <div style={band({ left: percent(x1), right: 0, ...middle })} />
      <div
        style={{
          position: "absolute",
          left: percent(x0),
          width: percent(x1 - x0),
          ...middle,
          outline: OUTLINE,
          outlineOffset: -2,
        }}
      />
    </>
  );
}

/** What the platform's UI hides, drawn from the preset over the output (`aria-hidden`: the card says it in words). */
export function SafeZoneOverlay({ preset }: { preset: Platform }) {
  const area = safeArea(preset);
  return (
    <div aria-hidden data-testid="safe-zone" style={{ position: "absolute", inset: 0, pointerEvents: "none" }}>
      {area && <Bands area={area} />}
      {preset.mask === "circle" && (
        <div
          style={{
            position: "absolute",
            inset: 0,
            background: `radial-gradient(circle closest-side, transparent 99%, ${COVERED} 100%)`,
          }}
        />
      )}
    </div>
  );
}

/** Whether the preset has anything to draw. */
export function hasOverlay(preset: Platform): boolean {
  return safeArea(preset) !== null || preset.mask === "circle";
}
