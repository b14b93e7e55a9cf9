import { useMutation } from "@tanstack/react-query";

import { authorizedFetch } from "@/lib/api-client";
import { saveBlob } from "@/lib/download";

/** `GET /v1/jobs/{id}/archive`: every output of the job, with `manifest.json` and `manifest.csv`. */
export async function getJobArchive(jobId: string): Promise<Blob> {
  const response = await authorizedFetch(`/v1/jobs/${encodeURIComponent(jobId)}/archive`);
  return response.blob();
}

/** Save the job's archive as `<job id>.zip`. */
export function useDownloadJobArchive() {
  return useMutation({
    mutationFn: async (jobId: string) => {
      saveBlob(await getJobArchive(jobId), `${jobId}.zip`);
    },
  });
}
