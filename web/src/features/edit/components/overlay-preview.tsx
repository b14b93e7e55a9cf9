import { useEffect, useRef } from "react";

import { FONTS, type OverlayValues } from "../hooks/overlay-values";
import { WorkingImage } from "./working-image";

interface OverlayPreviewProps {
  assetId: string;
  width: number;
  height: number;
  values: OverlayValues;
}

const LINE_SPACING = 1.2;

/** The lines' widest width and their height at `size` px. */
function measure(context: CanvasRenderingContext2D, lines: string[], css: string, size: number) {
  context.font = css.replace(/(sans-serif|serif)$/, `${size}px $1`);
  const widest = Math.max(...lines.map((line) => context.measureText(line).width));
  return { widest, tall: lines.length * size * LINE_SPACING };
}

/** Where the block goes in the area at the anchor (as the renderer places it). */
function anchored(anchor: string, area: { x: number; y: number; w: number; h: number }, w: number, h: number) {
  const [first = "center", second = ""] = anchor.split("-");
  const vertical = ["left", "right", "center"].includes(first) ? "center" : first;
  const horizontal = ["left", "right"].includes(first) ? first : second;
  const x = horizontal === "left" ? area.x : horizontal === "right" ? area.x + area.w - w : area.x + (area.w - w) / 2;
  const y = vertical === "top" ? area.y : vertical === "bottom" ? area.y + area.h - h : area.y + (area.h - h) / 2;
  return { x, y };
}

/** Draws the overlay's text as the job will, approximately (the browser's own faces stand in
 *  for the bundled fonts; `auto` colour is white on a shadow), over the working image. */
function draw(canvas: HTMLCanvasElement, values: OverlayValues) {
  const context = canvas.getContext("2d");
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  const lines = values.text.split("\n");
  if (!values.text.trim()) return;
  const css = FONTS.find((f) => f.value === values.font)?.css ?? "sans-serif";
  const area = { x: values.margin, y: values.margin, w: canvas.width - 2 * values.margin, h: canvas.height - 2 * values.margin };
  let size = values.size ?? 6;
  if (values.size === null) {
    while (size < 2000) {
      const next = measure(context, lines, css, size + 1);
      if (next.widest > area.w || next.tall > area.h / 3) break;
      size += 1;
    }
  }
  const { widest, tall } = measure(context, lines, css, size);
  const at = anchored(values.anchor, area, widest, tall);
  if (values.band) {
    context.fillStyle = `${values.band}99`;
    context.fillRect(at.x - 16, at.y - 8, widest + 32, tall + 16);
  }
  context.fillStyle = values.color || "#FFFFFF";
  context.textBaseline = "top";
  context.textAlign = "center";
  if (values.shadow || !values.color) {
    context.shadowColor = "rgba(0, 0, 0, 0.7)";
    context.shadowBlur = size / 10;
  }
  lines.forEach((line, index) => {
    context.fillText(line, at.x + widest / 2, at.y + index * size * LINE_SPACING);
  });
  context.shadowColor = "transparent";
}

/** A live preview of the text overlay, drawn in the browser as the fields change. */
export function OverlayPreview({ assetId, width, height, values }: OverlayPreviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) draw(canvas.current, values);
  }, [values]);
  return (
    <WorkingImage assetId={assetId} width={width} height={height}>
      <canvas
        ref={canvas}
        width={width}
        height={height}
        aria-label="Preview of the text overlay"
        role="img"
        data-testid="overlay-preview"
        style={{ position: "absolute", inset: 0, width: "100%", height: "100%", pointerEvents: "none" }}
      />
    </WorkingImage>
  );
}
