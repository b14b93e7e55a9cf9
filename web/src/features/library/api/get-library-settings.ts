import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type LibrarySettings = Schemas["LibrarySettingsPublic"];

/** `GET /v1/library/settings`: days in the trash and the retention rules. */
export function getLibrarySettings(): Promise<LibrarySettings> {
  return unwrap(api.GET("/v1/library/settings"));
}

export const librarySettingsQuery = queryOptions({
  queryKey: ["library", "settings"],
  queryFn: getLibrarySettings,
});

export function useLibrarySettings() {
  return useQuery(librarySettingsQuery);
}
