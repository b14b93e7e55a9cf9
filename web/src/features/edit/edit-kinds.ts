import type { JobCreate } from "@/lib/api/create-job";

export type EditKind = Extract<JobCreate["kind"], `edit.${string}`>;

export interface EditKindInfo {
  kind: EditKind;
  label: string;
  hint: string;
  /** Whether the kind takes a painted mask: it must, it may (a local recolour), or not at all. */
  mask: "required" | "optional" | "none";
}

/** Every `edit.*` kind of the API, as the page offers them. */
export const EDIT_KINDS: readonly EditKindInfo[] = [
  { kind: "edit.erase", label: "Erase", hint: "Remove what the mask covers, filled from its surroundings.", mask: "required" },
  { kind: "edit.inpaint", label: "Inpaint", hint: "Repaint what the mask covers as the prompt says.", mask: "required" },
  { kind: "edit.outpaint", label: "Outpaint", hint: "Extend the canvas: drag its edges, or type the pixels per side.", mask: "none" },
  { kind: "edit.search_replace", label: "Search and replace", hint: "Find what you name and replace it as the prompt says.", mask: "none" },
  {
    kind: "edit.search_recolor",
    label: "Search and recolour",
    hint: "Recolour what you name; a painted mask limits a local (draft) recolour to it.",
    mask: "optional",
  },
  { kind: "edit.remove_background", label: "Remove background", hint: "Cut the subject out onto a transparent background.", mask: "none" },
  {
    kind: "edit.replace_background",
    label: "Replace background",
    hint: "A new background behind the subject, from a prompt, relit.",
    mask: "none",
  },
  { kind: "edit.instruct", label: "Instruct", hint: "Edit by a plain instruction, e.g. “make the sky more dramatic”.", mask: "none" },
  {
    kind: "edit.text_overlay",
    label: "Text overlay",
    hint: "Text drawn on the image (previewed live below), kept inside a platform format's safe zone.",
    mask: "none",
  },
  { kind: "edit.watermark", label: "Watermark", hint: "The brand kit's logo (or an image) in a corner.", mask: "none" },
];

export function kindInfo(kind: EditKind): EditKindInfo {
  return EDIT_KINDS.find((info) => info.kind === kind) ?? (EDIT_KINDS[0] as EditKindInfo);
}
