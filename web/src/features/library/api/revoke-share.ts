import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api-client";

/** `DELETE /v1/shares/{id}`: the link stops working at once. */
export async function revokeShare(shareId: string): Promise<void> {
  await unwrap(api.DELETE("/v1/shares/{share_id}", { params: { path: { share_id: shareId } } }));
}

export function useRevokeShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revokeShare,
    onSuccess: () => client.invalidateQueries({ queryKey: ["shares"] }),
  });
}
