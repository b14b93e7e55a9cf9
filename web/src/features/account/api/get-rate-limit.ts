/**
 * The plan's rate limit as the API states it on every authenticated answer, in the IETF
 * `draft-ietf-httpapi-ratelimit` headers: `RateLimit-Policy: "burst";q=100;w=5` (the bucket holds
 * `q` requests and refills in `w` seconds) and `RateLimit: "burst";r=97;t=1` (`r` left now, full
 * again in `t` seconds). Read here from the answer to `GET /v1/billing/account`.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";

export interface RateLimit {
  policy: string;
  /** Requests the bucket holds (the burst). */
  quota: number;
  /** Seconds the bucket takes to fill from empty. */
  windowS: number;
  /** Requests left when the answer was sent. */
  remaining: number | null;
  /** Seconds until the bucket is full again. */
  resetS: number | null;
}

/** One Structured Field item: `"name";key=value;key=value` (the first of a list). */
function parseItem(header: string | null): { name: string; params: Map<string, number> } | null {
  const first = header?.split(",")[0]?.trim();
  if (!first) return null;
  const [name = "", ...params] = first.split(";");
  const values = new Map<string, number>();
  for (const param of params) {
    const [key, value] = param.split("=");
    if (key && value !== undefined) values.set(key.trim(), Number(value));
  }
  return { name: name.replaceAll('"', ""), params: values };
}

export function parseRateLimit(headers: Headers): RateLimit | null {
  const policy = parseItem(headers.get("RateLimit-Policy"));
  const quota = policy?.params.get("q");
  if (!policy || quota === undefined) return null;
  const state = parseItem(headers.get("RateLimit"));
  return {
    policy: policy.name,
    quota,
    windowS: policy.params.get("w") ?? 1,
    remaining: state?.params.get("r") ?? null,
    resetS: state?.params.get("t") ?? null,
  };
}

export async function getRateLimit(): Promise<RateLimit | null> {
  const { error, response } = await api.GET("/v1/billing/account");
  if (!response.ok) throw new ApiError(response.status, error, response);
  return parseRateLimit(response.headers);
}

export const rateLimitQuery = queryOptions({ queryKey: ["account", "rate-limit"], queryFn: getRateLimit });

export function useRateLimit() {
  return useQuery(rateLimitQuery);
}
