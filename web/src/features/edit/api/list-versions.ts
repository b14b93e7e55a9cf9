import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Versions = Schemas["VersionsPublic"];

/** `GET /v1/assets/{id}/versions`: the chain the asset belongs to, the original first. */
export function listVersions(assetId: string): Promise<Versions> {
  return unwrap(api.GET("/v1/assets/{asset_id}/versions", { params: { path: { asset_id: assetId } } }));
}

/** Every chain this page shows; refreshed when an edit adds a version. */
export const VERSIONS_KEY = ["edit", "versions"] as const;

export const versionsQuery = (assetId: string) =>
  queryOptions({ queryKey: [...VERSIONS_KEY, assetId], queryFn: () => listVersions(assetId) });

export function useVersions(assetId: string | null) {
  return useQuery({ ...versionsQuery(assetId ?? ""), enabled: assetId !== null });
}
