import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

import { libraryChanged } from "./invalidate";

/** `DELETE /v1/trash`: everything in it deleted for good, files and records. */
export function emptyTrash(): Promise<Schemas["TrashEmptied"]> {
  return unwrap(api.DELETE("/v1/trash"));
}

export function useEmptyTrash() {
  const client = useQueryClient();
  return useMutation({ mutationFn: emptyTrash, onSuccess: () => libraryChanged(client) });
}
