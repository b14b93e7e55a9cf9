import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

import { keysQuery } from "./list-keys";

/** `DELETE /v1/keys/{prefix}`: the key is refused from now on (it stays listed, revoked). */
export async function revokeKey(prefix: string): Promise<void> {
  await unwrap(api.DELETE("/v1/keys/{prefix}", { params: { path: { prefix } } }));
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revokeKey,
    onSuccess: () => client.invalidateQueries({ queryKey: keysQuery.queryKey }),
  });
}
