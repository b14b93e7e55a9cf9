import type { Asset } from "@/lib/api/upload-file";

/** The name a download is saved under: the uploaded file's, else the id and format. */
export function downloadName(asset: Asset): string {
  return asset.filename ?? `${asset.id}.${asset.format}`;
}
