import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";

import type { Schemas } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";

export type SharedView = Schemas["SharedView"];
export type SharedAsset = Schemas["SharedAsset"];

/** A public call: no API key goes with it, even when this tab is signed in. */
async function publicFetch<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, credentials: "omit" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body, response);
  return body as T;
}

function sharedPath(token: string): string {
  return `/v1/shared/${encodeURIComponent(token)}`;
}

/** A link's own URL with the access grant of its password, if any. */
export function withAccess(url: string, access: string | null): string {
  if (!access) return url;
  return `${url}${url.includes("?") ? "&" : "?"}access=${encodeURIComponent(access)}`;
}

/** `GET /v1/shared/{token}`: what a share link shows (401 `share_password_required` first). */
export function getShared(token: string, access: string | null): Promise<SharedView> {
  return publicFetch(withAccess(`${sharedPath(token)}?limit=100`, access));
}

export const sharedQuery = (token: string, access: string | null) =>
  queryOptions({ queryKey: ["shared", token, access], queryFn: () => getShared(token, access) });

export function useShared(token: string, access: string | null) {
  return useQuery(sharedQuery(token, access));
}

/** `POST /v1/shared/{token}/unlock`: the password for an access grant. */
export function unlockShared({
  token,
  password,
}: {
  token: string;
  password: string;
}): Promise<Schemas["ShareAccess"]> {
  return publicFetch(`${sharedPath(token)}/unlock`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ password }),
  });
}

export function useUnlockShared() {
  return useMutation({ mutationFn: unlockShared });
}
