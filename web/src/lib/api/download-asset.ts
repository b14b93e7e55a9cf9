import { useMutation } from "@tanstack/react-query";

import { saveBlob } from "../download";
import { getAssetContent } from "./asset-content";

export interface AssetDownload {
  assetId: string;
  /** The file name to save as; by default the id and the content's subtype (`ast_….png`). */
  filename?: string;
}

/** Save an asset's content (`GET /v1/assets/{id}/content`, with the key) as a file: fetched
 * again, not from the preview's cache, so the download is counted in the asset's usage. */
export function useDownloadAsset() {
  return useMutation({
    mutationFn: async ({ assetId, filename }: AssetDownload) => {
      const blob = await getAssetContent(assetId, false);
      saveBlob(blob, filename ?? `${assetId}.${blob.type.split("/")[1] ?? "bin"}`);
    },
  });
}
