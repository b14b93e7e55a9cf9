/**
 * The one HTTP client: every `/v1` call goes through it. It adds the API key, turns the error
 * envelope into an {@link ApiError}, and is typed from the gateway's OpenAPI document.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { Readable } from "openapi-typescript-helpers";

import { ApiError } from "./api-error";
import type { components, paths } from "./api-schema";
import { forgetKey, storedKey } from "./auth";

/** The API's schemas as responses carry them (openapi-fetch's `Readable` view). */
export type Schemas = { [Name in keyof components["schemas"]]: Readable<components["schemas"][Name]> };

const withKey: Middleware = {
  onRequest({ request }) {
    const key = storedKey();
    if (key) request.headers.set("Authorization", `Bearer ${key}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) forgetKey();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(withKey);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or the API's error thrown as an {@link ApiError}. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error, response);
  return data as T;
}

/** A fresh `Idempotency-Key`, so a retried click never makes a second job. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** A raw `fetch` with the API key, for what openapi-fetch does not parse (files, streams). */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const key = storedKey();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(response.status, body, response);
  }
  return response;
}
