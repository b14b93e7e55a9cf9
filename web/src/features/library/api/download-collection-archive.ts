import { useMutation, useQueryClient } from "@tanstack/react-query";

import { authorizedFetch } from "@/lib/api-client";
import { saveBlob } from "@/lib/download";

/** `GET /v1/collections/{id}/archive`: its assets in order, with `manifest.json` and `.csv`. */
export async function getCollectionArchive(collectionId: string): Promise<Blob> {
  const response = await authorizedFetch(`/v1/collections/${encodeURIComponent(collectionId)}/archive`);
  return response.blob();
}

/** Save the collection as `<collection id>.zip` (recorded in the export history). */
export function useDownloadCollectionArchive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (collectionId: string) => {
      saveBlob(await getCollectionArchive(collectionId), `${collectionId}.zip`);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["exports"] }),
  });
}
