import { useMutation } from "@tanstack/react-query";

import { authorizedFetch } from "@/lib/api-client";
import { saveBlob } from "@/lib/download";

/** `GET /v1/batches/{id}/archive`: a folder per job, `manifest.json`/`.csv`, failures and pending jobs. */
export async function getBatchArchive(batchId: string): Promise<Blob> {
  const response = await authorizedFetch(`/v1/batches/${encodeURIComponent(batchId)}/archive`);
  return response.blob();
}

/** Save the batch's archive as `<batch id>.zip`. */
export function useDownloadBatchArchive() {
  return useMutation({
    mutationFn: async (batchId: string) => {
      saveBlob(await getBatchArchive(batchId), `${batchId}.zip`);
    },
  });
}
