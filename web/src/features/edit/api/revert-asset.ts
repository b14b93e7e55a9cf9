import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, idempotencyKey, type Schemas, unwrap } from "@/lib/api-client";

import { VERSIONS_KEY } from "./list-versions";

interface Revert {
  /** Any version of the chain (the working image). */
  assetId: string;
  /** The version whose image the new one takes. */
  versionId: string;
}

/** `POST /v1/assets/{id}/revert`: a new version at the head of the chain with an earlier one's image. */
export function revertAsset({ assetId, versionId }: Revert): Promise<Schemas["AssetPublic"]> {
  return unwrap(
    api.POST("/v1/assets/{asset_id}/revert", {
      params: { path: { asset_id: assetId } },
      body: { version_id: versionId },
      headers: { "Idempotency-Key": idempotencyKey() },
    }),
  );
}

export function useRevertAsset(onMade: (assetId: string) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revertAsset,
    onSuccess: (made) => {
      void client.invalidateQueries({ queryKey: VERSIONS_KEY });
      onMade(made.id);
    },
  });
}
