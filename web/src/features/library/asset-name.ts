import type { Asset } from "@/lib/api/upload-file";

/** What an asset is called in a list: its title, else its prompt or file name, else its kind. */
export function assetName(asset: Asset): string {
  return asset.title ?? asset.prompt ?? asset.filename ?? asset.kind;
}
