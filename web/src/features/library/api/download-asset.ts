import { useMutation, useQueryClient } from "@tanstack/react-query";

import { assetContentQuery } from "@/lib/api/asset-content";
import type { Asset } from "@/lib/api/upload-file";
import { saveBlob } from "@/lib/download";

/** The name a download is saved under: the uploaded file's, else the id and format. */
export function downloadName(asset: Asset): string {
  return asset.filename ?? `${asset.id}.${asset.format}`;
}

/** Save an asset's content (`GET /v1/assets/{id}/content`, with the key) as a file. */
export function useDownloadAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (asset: Asset) => {
      const blob = await client.query(assetContentQuery(asset.id));
      saveBlob(blob, downloadName(asset));
    },
  });
}
