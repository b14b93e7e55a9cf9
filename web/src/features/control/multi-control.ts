import type { JobCreate } from "@/lib/api/create-job";

import type { ReferenceType } from "./api/list-references";

export const MAX_CONTROLS = 3;
export const CONTROL_TYPES: readonly { value: ReferenceType; label: string; hint: string }[] = [
  { value: "sketch", label: "Sketch", hint: "its lines" },
  { value: "structure", label: "Structure", hint: "its edges and layout" },
  { value: "style", label: "Style", hint: "its colours" },
];

/** One control as the form holds it: an image of the library or a saved reference. */
export interface ControlRow {
  key: number;
  type: ReferenceType;
  assetId: string | null;
  referenceId: string | null;
  strength: number;
}

export function newRow(key: number, type: ReferenceType = "structure"): ControlRow {
  return { key, type, assetId: null, referenceId: null, strength: 0.7 };
}

export function ready(rows: readonly ControlRow[]): boolean {
  return rows.length > 0 && rows.every((row) => row.assetId ?? row.referenceId);
}

/** The `control.multi` job of the rows (drawn by the local engine: quality `draft`). */
export function multiControlJob(prompt: string, rows: readonly ControlRow[]): JobCreate {
  const controls = rows.map((row) =>
    row.referenceId
      ? { type: row.type, reference_id: row.referenceId, strength: row.strength }
      : { type: row.type, asset_id: row.assetId ?? "", strength: row.strength },
  );
  return { kind: "control.multi", params: { prompt, quality: "draft", controls } } as unknown as JobCreate;
}
