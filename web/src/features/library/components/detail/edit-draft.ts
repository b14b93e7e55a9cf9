import type { Asset } from "@/lib/api/upload-file";

import type { AssetEdit } from "../../api/update-asset";

export interface CustomRow {
  key: string;
  value: string;
}

/** The editor's fields as typed. */
export interface Draft {
  title: string;
  description: string;
  tags: string[];
  rating: number;
  favorite: boolean;
  custom: CustomRow[];
}

export const CUSTOM_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function draftOf(asset: Asset): Draft {
  return {
    title: asset.title ?? "",
    description: asset.description ?? "",
    tags: asset.tags ?? [],
    rating: asset.rating,
    favorite: asset.favorite,
    custom: Object.entries(asset.custom ?? {}).map(([key, value]) => ({ key, value })),
  };
}

function customOf(rows: CustomRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value]));
}

/** The custom keys typed that the API would refuse, and keys typed twice. */
export function badKeys(rows: CustomRow[]): string | null {
  const keys = rows.map((row) => row.key.trim()).filter(Boolean);
  const wrong = keys.find((key) => !CUSTOM_KEY.test(key));
  if (wrong !== undefined) return `"${wrong}": letters, digits, _ and - only, up to 64`;
  const twice = keys.find((key, index) => keys.indexOf(key) !== index);
  return twice === undefined ? null : `"${twice}" is there twice`;
}

/** The merge patch that turns the asset into the draft: only what changed; null clears. */
export function patchOf(asset: Asset, draft: Draft): AssetEdit {
  const was = draftOf(asset);
  const edit: AssetEdit = {};
  const title = draft.title.trim();
  const description = draft.description.trim();
  if (title !== was.title) edit.title = title || null;
  if (description !== was.description) edit.description = description || null;
  if (JSON.stringify(draft.tags) !== JSON.stringify(was.tags)) edit.tags = draft.tags;
  if (draft.rating !== was.rating) edit.rating = draft.rating;
  if (draft.favorite !== was.favorite) edit.favorite = draft.favorite;
  const before = customOf(was.custom);
  const after = customOf(draft.custom);
  const custom: Record<string, string | null> = {};
  for (const key of Object.keys(before)) if (!(key in after)) custom[key] = null;
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) custom[key] = value;
  if (Object.keys(custom).length) edit.custom = custom;
  return edit;
}
