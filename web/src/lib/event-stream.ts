/**
 * The tenant's live job events (`GET /v1/events`, Server-Sent Events) read with `fetch`, since
 * `EventSource` cannot send the Authorization header. Reconnects with `Last-Event-ID`, so no event
 * is missed across a dropped connection.
 */
import type { EventSourceMessage } from "eventsource-parser";
import { EventSourceParserStream } from "eventsource-parser/stream";

import { ApiError } from "./api-error";
import { storedKey } from "./auth";

export interface JobEvent {
  id: string;
  type: string;
  time: string;
  job_id: string;
  batch_id?: string | null;
  data: Record<string, unknown>;
}

export interface StreamFilter {
  jobIds?: string[];
  batchId?: string;
}

export type StreamState = "connecting" | "live" | "reconnecting";

const RETRY_MS = 1000;

function streamUrl(filter: StreamFilter): string {
  const query = new URLSearchParams();
  for (const id of filter.jobIds ?? []) query.append("job_id", id);
  if (filter.batchId) query.set("batch_id", filter.batchId);
  const search = query.toString();
  return `/v1/events${search ? `?${search}` : ""}`;
}

async function readOnce(
  url: string,
  lastId: string | null,
  signal: AbortSignal,
  onEvent: (event: JobEvent) => void,
  onOpen: () => void,
): Promise<string | null> {
  const headers: Record<string, string> = { Accept: "text/event-stream" };
  const key = storedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (lastId) headers["Last-Event-ID"] = lastId;
  const response = await fetch(url, { headers, signal });
  if (!response.ok || !response.body) {
    throw new ApiError(response.status, await response.json().catch(() => null), response);
  }
  onOpen();
  const messages: ReadableStream<EventSourceMessage> = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  let last = lastId;
  for await (const message of messages) {
    if (message.event === "error") {
      throw new ApiError(401, JSON.parse(message.data) as unknown);
    }
    onEvent(JSON.parse(message.data) as JobEvent);
    last = message.id ?? last;
  }
  return last;
}

/** Follow the stream until `signal` aborts; a refusal (4xx) ends it through `onError`. */
export async function followEvents(
  filter: StreamFilter,
  signal: AbortSignal,
  handlers: {
    onEvent: (event: JobEvent) => void;
    onState?: (state: StreamState) => void;
    onError?: (error: ApiError) => void;
  },
): Promise<void> {
  const url = streamUrl(filter);
  let lastId: string | null = null;
  handlers.onState?.("connecting");
  for (;;) {
    try {
      lastId = await readOnce(url, lastId, signal, handlers.onEvent, () =>
        handlers.onState?.("live"),
      );
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
        handlers.onError?.(error);
        return;
      }
    }
    if (signal.aborted) return;
    handlers.onState?.("reconnecting");
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
