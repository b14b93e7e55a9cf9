import { useMutation, useQueryClient } from "@tanstack/react-query";

import { assetContentQuery } from "@/lib/api/asset-content";
import { saveBlob } from "@/lib/download";

/** Save an asset's content (`GET /v1/assets/{id}/content`, with the key) as `<id>.<format>`. */
export function useDownloadAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (assetId: string) => {
      const blob = await client.query(assetContentQuery(assetId));
      saveBlob(blob, `${assetId}.${blob.type.split("/")[1] ?? "bin"}`);
    },
  });
}
