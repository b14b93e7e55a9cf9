import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";
import { isApiError } from "@/lib/api-error";
import type { components } from "@/lib/api-schema";
import type { Asset } from "@/lib/api/upload-file";

import { type EditableAsset, editableAssetQuery, getEditableAsset } from "./get-editable-asset";
import { libraryChanged } from "./invalidate";

export type AssetEdit = components["schemas"]["AssetEdit"];

interface UpdateAsset {
  assetId: string;
  edit: AssetEdit;
  /** The version the edit was made on: 412 `precondition_failed` if it changed since. */
  base?: EditableAsset;
}

/** The fields a tenant writes, as one comparable string. */
export function userFields(asset: Asset): string {
  const custom = Object.entries(asset.custom ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([
    asset.title ?? null,
    asset.description ?? null,
    asset.tags ?? [],
    asset.rating,
    asset.favorite,
    custom,
  ]);
}

async function patch(assetId: string, edit: AssetEdit, etag: string | null): Promise<EditableAsset> {
  const call = api.PATCH("/v1/assets/{asset_id}", {
    params: { path: { asset_id: assetId } },
    body: edit,
    headers: etag ? { "If-Match": etag } : {},
  });
  const { response } = await call;
  const asset = await unwrap(call);
  return { asset, etag: response.headers.get("ETag") };
}

/**
 * `PATCH /v1/assets/{id}`: a JSON Merge Patch of the asset's own fields, on the version it was
 * made on. The version also moves when the library records a download or files the asset; a
 * 412 for such a change (title, description, tags, rating, favourite and custom fields as they
 * were) is retried on the new version, so only someone else's edit of those fields refuses it.
 */
export async function updateAsset({ assetId, edit, base }: UpdateAsset): Promise<EditableAsset> {
  try {
    return await patch(assetId, edit, base?.etag ?? null);
  } catch (error) {
    if (!base || !isApiError(error) || error.status !== 412) throw error;
    const now = await getEditableAsset(assetId);
    if (userFields(now.asset) !== userFields(base.asset)) throw error;
    return patch(assetId, edit, now.etag);
  }
}

export function useUpdateAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateAsset,
    onSuccess: async (edited) => {
      client.setQueryData(editableAssetQuery(edited.asset.id).queryKey, edited);
      await libraryChanged(client);
    },
  });
}
