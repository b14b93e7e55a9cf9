import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";
import type { components } from "@/lib/api-schema";

import { addToCollection } from "./add-to-collection";
import { libraryChanged } from "./invalidate";

export type AssetBulk = components["schemas"]["AssetBulk"];
export type BulkAction = AssetBulk["action"];
export type BulkResult = Schemas["BulkResult"];

/** `POST /v1/assets/bulk`: one action on the assets a filter or a list of ids selects. */
export function bulkAction(body: AssetBulk): Promise<BulkResult> {
  return unwrap(api.POST("/v1/assets/bulk", { body }));
}

/** What the action would change (`dry_run`): nothing changes, so it is read like a query. */
export const bulkDryRunQuery = (body: AssetBulk) =>
  queryOptions({
    queryKey: ["assets", "bulk-dry-run", body],
    queryFn: () => bulkAction({ ...body, dry_run: true }),
    staleTime: 0,
    gcTime: 0,
  });

export function useBulkDryRun(body: AssetBulk | null) {
  return useQuery({ ...bulkDryRunQuery(body ?? { action: "trash", dry_run: true }), enabled: body !== null });
}

const PER_CALL = 500;

/**
 * Do it. Picked assets go into a collection through `POST /v1/collections/{id}/assets`, which
 * keeps the order they were picked in (a bulk action files them in the library's order).
 */
async function apply(body: AssetBulk): Promise<BulkResult> {
  const ids = body.asset_ids;
  if (body.action !== "add_to_collection" || !ids || !body.collection_id) {
    return bulkAction({ ...body, dry_run: false });
  }
  const counted = await bulkAction({ ...body, dry_run: true });
  for (let start = 0; start < ids.length; start += PER_CALL) {
    await addToCollection({ collectionId: body.collection_id, assetIds: ids.slice(start, start + PER_CALL) });
  }
  return { ...counted, dry_run: false };
}

export function useBulkAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: apply,
    onSuccess: () => libraryChanged(client),
  });
}
