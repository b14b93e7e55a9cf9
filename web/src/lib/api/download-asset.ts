import { useMutation, useQueryClient } from "@tanstack/react-query";

import { saveBlob } from "../download";
import { assetContentQuery } from "./asset-content";

export interface AssetDownload {
  assetId: string;
  /** The file name to save as; by default the id and the content's subtype (`ast_….png`). */
  filename?: string;
}

/** Save an asset's content (`GET /v1/assets/{id}/content`, with the key) as a file. */
export function useDownloadAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ assetId, filename }: AssetDownload) => {
      const blob = await client.query(assetContentQuery(assetId));
      saveBlob(blob, filename ?? `${assetId}.${blob.type.split("/")[1] ?? "bin"}`);
    },
  });
}
