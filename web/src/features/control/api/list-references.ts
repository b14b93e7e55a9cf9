import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type Reference = Schemas["ReferencePublic"];
export type ReferenceType = Reference["type"];
export type References = Schemas["ReferencesPublic"];

/** `GET /v1/references?type=`: the saved references of one type, newest first. */
export function listReferences(type: ReferenceType): Promise<References> {
  return unwrap(api.GET("/v1/references", { params: { query: { type, limit: 50 } } }));
}

/** Every reference list this page shows; refreshed when one is saved. */
export const REFERENCES_KEY = ["control", "references"] as const;

export const referencesQuery = (type: ReferenceType) =>
  queryOptions({ queryKey: [...REFERENCES_KEY, type], queryFn: () => listReferences(type) });

export function useReferences(type: ReferenceType) {
  return useQuery(referencesQuery(type));
}
