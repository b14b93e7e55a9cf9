"""Live job events: `GET /v1/events` (Server-Sent Events) and `/v1/ws` (WebSocket).

Both stream the caller's tenant's job events as CloudEvents JSON, optionally only for some jobs
(`?job_id=…`, repeatable). A job filter first replays what those jobs already emitted; SSE clients
resuming with `Last-Event-ID` get what they missed. Revoking the API key that opened a stream
ends it within `GATEWAY_KEY_RECHECK_S` (0.5 s), in whichever gateway process it runs: SSE
with a last `event: error` whose data is the error body (`unauthorized`), WebSocket with close
code 1008, reason `unauthorized`.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Header, Query, WebSocket, WebSocketDisconnect
from sse_starlette import EventSourceResponse, ServerSentEvent

from contracts.http.errors import ErrorBody, ErrorPublic
from services.gateway.api.strict import Strict, unknown_query
from services.gateway.events.container import EventStreams, OpenerDep, StreamsDep, opener_of
from services.gateway.events.fanout import OverflowedError, RevokedError
from services.gateway.events.streams import Opener
from shared.errors import PermanentError
from shared.responses import REQUEST_ID

router = APIRouter(tags=["events"], route_class=Strict)
SSE_EVENT = {
    "type": "object",
    "description": "One event of the stream.",
    "required": ["data"],
    "properties": {
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "description": "A CloudEvent; for `event: error`, the error body "
            '(`{"error": {"code", "message", "details", "request_id"}}`).',
        },
        "id": {"type": "string", "description": "Resume after it with `Last-Event-ID`."},
        "event": {
            "type": "string",
            "enum": ["message", "error"],
            "description": "`message` (the default, left out) for an event; `error` once, "
            "last, when the stream ends for good: `unauthorized` when the API key that "
            "opened it is revoked (within about half a second).",
        },
    },
}
REVOKED = "the API key that opened this stream was revoked"
WS_QUERY = frozenset({"job_id", "batch_id"})
"""The query parameters `/v1/ws` takes (WebSocket routes are not `Strict`'s)."""
JobIds = Annotated[list[str], Query(alias="job_id", description="Only these jobs' events.")]


@router.get(
    "/v1/events",
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": "Server-Sent Events: each `data:` one CloudEvent, `id:` its id; "
            "a revoked key's stream ends with an `event: error` (`unauthorized`).",
            "content": {"text/event-stream": {"schema": SSE_EVENT}},
        },
        404: {"description": "A `job_id` or `batch_id` the tenant does not own."},
    },
    operation_id="events.stream",
)
async def stream_events(
    opener: OpenerDep,
    gateway: StreamsDep,
    job_ids: JobIds = [],  # noqa: B006 (FastAPI copies defaults)
    batch_id: Annotated[str | None, Query(description="Only this batch's jobs.")] = None,
    last_event_id: Annotated[str | None, Header()] = None,
) -> EventSourceResponse:
    """Server-Sent Events: each `data:` line is one CloudEvent (its `type` says which event).
    Revoking the API key ends the stream with an `event: error` (`unauthorized`)."""
    await gateway.streams.check_jobs(opener.tenant_id, job_ids)
    if batch_id is not None:
        await gateway.check_batch(opener.tenant_id, batch_id)

    async def messages() -> AsyncIterator[ServerSentEvent]:
        try:
            async for event in gateway.streams.events(opener, job_ids, last_event_id, batch_id):
                yield ServerSentEvent(data=event.payload, id=event.id)
        except OverflowedError:
            yield ServerSentEvent(comment="overflow: reconnect with Last-Event-ID")
        except RevokedError:
            yield ServerSentEvent(event="error", data=_revoked())

    return EventSourceResponse(messages(), ping=gateway.sse_ping_s)


@router.websocket("/v1/ws")
async def websocket_events(
    websocket: WebSocket,
    gateway: StreamsDep,
    job_ids: JobIds = [],  # noqa: B006
    batch_id: Annotated[str | None, Query(description="Only this batch's jobs.")] = None,
) -> None:
    """WebSocket: each text frame is one CloudEvent, with the same filters as `GET /v1/events`.
    Authenticate with the Authorization header; revoking that key closes the socket (1008
    `unauthorized`). A refused handshake closes with 1008 and the error's code as reason."""
    try:
        unknown_query(websocket, WS_QUERY)
        opener = await opener_of(gateway, websocket.headers.get("authorization"))
        await gateway.streams.check_jobs(opener.tenant_id, job_ids)
        if batch_id is not None:
            await gateway.check_batch(opener.tenant_id, batch_id)
    except PermanentError as exc:
        await websocket.close(code=1008, reason=exc.code)
        return
    await websocket.accept()
    sender = asyncio.create_task(_send_events(websocket, gateway, opener, job_ids, batch_id))
    try:
        while True:  # only to notice the client leaving; what it sends is ignored
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        with suppress(asyncio.CancelledError):
            await sender


async def _send_events(
    websocket: WebSocket,
    gateway: EventStreams,
    opener: Opener,
    job_ids: list[str],
    batch_id: str | None,
) -> None:
    try:
        async for event in gateway.streams.events(opener, job_ids, None, batch_id):
            await websocket.send_text(event.payload)
    except OverflowedError:
        await websocket.close(code=1013, reason="overflow: reconnect")
    except RevokedError:
        await websocket.close(code=1008, reason="unauthorized")


def _revoked() -> str:
    """The last SSE event's data: the error body, as any 401 answers it."""
    error = ErrorBody(code="unauthorized", message=REVOKED, request_id=REQUEST_ID.get())
    return ErrorPublic(error=error).model_dump_json(exclude_none=True)
