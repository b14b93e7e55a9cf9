import { type KeyboardEvent, type PointerEvent, useCallback, useRef, useState } from "react";

export type Tool = "brush" | "eraser";
export interface Point {
  x: number;
  y: number;
}

const PAINT = "#ff2d55";

function toImagePoint(canvas: HTMLCanvasElement, event: PointerEvent): Point {
  const box = canvas.getBoundingClientRect();
  return {
    x: ((event.clientX - box.left) / box.width) * canvas.width,
    y: ((event.clientY - box.top) / box.height) * canvas.height,
  };
}

const ARROWS: Record<string, Point> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/** The mask as the API takes it: a PNG of the image's size, white where to change, black where to keep. */
export function maskPng(paint: HTMLCanvasElement): Promise<Blob> {
  const out = document.createElement("canvas");
  out.width = paint.width;
  out.height = paint.height;
  const context = out.getContext("2d");
  if (!context) return Promise.reject(new Error("This browser cannot draw on a canvas."));
  context.drawImage(paint, 0, 0);
  context.globalCompositeOperation = "source-in";
  context.fillStyle = "#fff";
  context.fillRect(0, 0, out.width, out.height);
  context.globalCompositeOperation = "destination-over";
  context.fillStyle = "#000";
  context.fillRect(0, 0, out.width, out.height);
  return new Promise((resolve, reject) => {
    out.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new Error("The mask could not be encoded."));
    }, "image/png");
  });
}

/**
 * Painting a mask on a canvas of the image's pixel size, by pointer (drag) or keyboard (arrows
 * move the brush, Space paints there, Shift+arrow paints while moving).
 */
export function useMaskPainting() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<Point | null>(null);
  const [tool, setTool] = useState<Tool>("brush");
  const [size, setSize] = useState(24);
  const [painted, setPainted] = useState(false);
  const [cursor, setCursor] = useState<Point | null>(null);

  const stroke = useCallback(
    (from: Point, to: Point) => {
      const context = canvas.current?.getContext("2d");
      if (!context) return;
      context.globalCompositeOperation = tool === "eraser" ? "destination-out" : "source-over";
      context.strokeStyle = PAINT;
      context.lineWidth = size;
      context.lineCap = "round";
      context.lineJoin = "round";
      context.beginPath();
      context.moveTo(from.x, from.y);
      context.lineTo(to.x + 0.01, to.y);
      context.stroke();
      if (tool === "brush") setPainted(true);
    },
    [tool, size],
  );

  const clear = useCallback(() => {
    const target = canvas.current;
    target?.getContext("2d")?.clearRect(0, 0, target.width, target.height);
    setPainted(false);
  }, []);

  const handlers = {
    onPointerDown: (event: PointerEvent<HTMLCanvasElement>) => {
      event.currentTarget.setPointerCapture(event.pointerId);
      const point = toImagePoint(event.currentTarget, event);
      last.current = point;
      stroke(point, point);
    },
    onPointerMove: (event: PointerEvent<HTMLCanvasElement>) => {
      if (!last.current) return;
      const point = toImagePoint(event.currentTarget, event);
      stroke(last.current, point);
      last.current = point;
    },
    onPointerUp: () => {
      last.current = null;
    },
    onKeyDown: (event: KeyboardEvent<HTMLCanvasElement>) => {
      const target = event.currentTarget;
      const here = cursor ?? { x: target.width / 2, y: target.height / 2 };
      if (event.key === " ") {
        event.preventDefault();
        stroke(here, here);
        return;
      }
      const arrow = ARROWS[event.key];
      if (!arrow) return;
      event.preventDefault();
      const step = Math.max(2, size / 2);
      const next = {
        x: Math.min(target.width, Math.max(0, here.x + arrow.x * step)),
        y: Math.min(target.height, Math.max(0, here.y + arrow.y * step)),
      };
      if (event.shiftKey) stroke(here, next);
      setCursor(next);
    },
    onFocus: (event: { currentTarget: HTMLCanvasElement }) => {
      const target = event.currentTarget;
      setCursor((current) => current ?? { x: target.width / 2, y: target.height / 2 });
    },
    onBlur: () => {
      setCursor(null);
    },
  };

  return { canvas, tool, setTool, size, setSize, painted, clear, cursor, handlers };
}

export type MaskPainting = ReturnType<typeof useMaskPainting>;
