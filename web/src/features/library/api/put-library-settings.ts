import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-schema";

import { type LibrarySettings, librarySettingsQuery } from "./get-library-settings";

export type LibrarySettingsUpdate = components["schemas"]["LibrarySettingsUpdate"];
export type RetentionRule = components["schemas"]["RetentionRule"];

/** `PUT /v1/library/settings`: the whole of them. */
export function putLibrarySettings(body: LibrarySettingsUpdate): Promise<LibrarySettings> {
  return unwrap(api.PUT("/v1/library/settings", { body }));
}

export function usePutLibrarySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: putLibrarySettings,
    onSuccess: (saved) => {
      client.setQueryData(librarySettingsQuery.queryKey, saved);
    },
  });
}
