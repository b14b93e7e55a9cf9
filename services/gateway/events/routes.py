"""Live job events: `GET /v1/events` (Server-Sent Events) and `/v1/ws` (WebSocket).

Both stream the caller's tenant's job events as CloudEvents JSON, optionally only for some jobs
(`?job_id=…`, repeatable). A job filter first replays what those jobs already emitted; SSE clients
resuming with `Last-Event-ID` get what they missed.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Header, Query, WebSocket, WebSocketDisconnect
from sse_starlette import EventSourceResponse, ServerSentEvent

from services.gateway.api.deps import tenant_of
from services.gateway.api.strict import Strict
from services.gateway.events.container import EventStreams, StreamsDep, StreamTenantDep
from services.gateway.events.fanout import OverflowedError
from shared.errors import PermanentError

router = APIRouter(tags=["events"], route_class=Strict)
SSE_EVENT = {
    "type": "object",
    "description": "One event of the stream.",
    "required": ["data"],
    "properties": {
        "data": {"type": "string", "contentMediaType": "application/json"},
        "id": {"type": "string", "description": "Resume after it with `Last-Event-ID`."},
        "event": {"type": "string", "enum": ["message"]},
    },
}
JobIds = Annotated[list[str], Query(alias="job_id", description="Only these jobs' events.")]


@router.get(
    "/v1/events",
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": "Server-Sent Events: each `data:` one CloudEvent, `id:` its id.",
            "content": {"text/event-stream": {"schema": SSE_EVENT}},
        },
        404: {"description": "A `job_id` or `batch_id` the tenant does not own."},
    },
    operation_id="events.stream",
)
async def stream_events(
    tenant: StreamTenantDep,
    gateway: StreamsDep,
    job_ids: JobIds = [],  # noqa: B006 (FastAPI copies defaults)
    batch_id: Annotated[str | None, Query(description="Only this batch's jobs.")] = None,
    last_event_id: Annotated[str | None, Header()] = None,
) -> EventSourceResponse:
    """Server-Sent Events: each `data:` line is one CloudEvent (its `type` says which event)."""
    await gateway.streams.check_jobs(tenant, job_ids)
    if batch_id is not None:
        await gateway.check_batch(tenant, batch_id)

    async def messages() -> AsyncIterator[ServerSentEvent]:
        try:
            async for event in gateway.streams.events(tenant, job_ids, last_event_id, batch_id):
                yield ServerSentEvent(data=event.payload, id=event.id)
        except OverflowedError:
            yield ServerSentEvent(comment="overflow: reconnect with Last-Event-ID")

    return EventSourceResponse(messages(), ping=gateway.sse_ping_s)


@router.websocket("/v1/ws")
async def websocket_events(
    websocket: WebSocket,
    gateway: StreamsDep,
    job_ids: JobIds = [],  # noqa: B006
) -> None:
    """WebSocket: each text frame is one CloudEvent. Authenticate with the Authorization header."""
    try:
        tenant = await tenant_of(gateway, websocket.headers.get("authorization"))
        await gateway.streams.check_jobs(tenant, job_ids)
    except PermanentError as exc:
        await websocket.close(code=1008, reason=exc.code)
        return
    await websocket.accept()
    sender = asyncio.create_task(_send_events(websocket, gateway, tenant, job_ids))
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
    websocket: WebSocket, gateway: EventStreams, tenant: str, job_ids: list[str]
) -> None:
    try:
        async for event in gateway.streams.events(tenant, job_ids, None):
            await websocket.send_text(event.payload)
    except OverflowedError:
        await websocket.close(code=1013, reason="overflow: reconnect")
