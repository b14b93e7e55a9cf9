"""Job events as typed models, and resuming `GET /v1/events` where a dropped stream left off."""

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, get_args

import httpx
from httpx_sse import ServerSentEvent
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from studio.calls import query
from studio.errors import StudioError
from studio.models import (
    ErrorPublic,
    JobAcceptedEvent,
    JobApprovedEvent,
    JobCancelledEvent,
    JobCompletedEvent,
    JobFailedEvent,
    JobProgressEvent,
    JobRejectedEvent,
    JobStartedEvent,
)
from studio.retries import Outcome, Retry


class UnknownEvent(BaseModel):
    """An event of a type this SDK does not know (a newer server's): the CloudEvent attributes
    and the platform's extensions (any other attribute kept as an extra), `data` as sent."""

    model_config = ConfigDict(extra="allow")

    specversion: str = "1.0"
    id: str
    source: str
    type: str
    time: datetime | None = None
    subject: str | None = None
    datacontenttype: str | None = None
    tenant_id: str | None = None
    job_id: str | None = None
    batch_id: str | None = None
    data: dict[str, Any] = {}


KnownEvent = Annotated[
    JobAcceptedEvent
    | JobRejectedEvent
    | JobApprovedEvent
    | JobStartedEvent
    | JobProgressEvent
    | JobCompletedEvent
    | JobFailedEvent
    | JobCancelledEvent,
    Field(discriminator="type"),
]
KNOWN_EVENT: TypeAdapter[KnownEvent] = TypeAdapter(KnownEvent)
KNOWN_TYPES = frozenset(
    str(kind.model_fields["type"].default) for kind in get_args(get_args(KnownEvent)[0])
)
JobEvent = KnownEvent | UnknownEvent
"""One CloudEvent of a job; its `type` (`studio.job.completed`, …) says which model it is, an
`UnknownEvent` for a type added since this SDK was made."""
FINAL_TYPES = frozenset(
    {"studio.job.completed", "studio.job.failed", "studio.job.rejected", "studio.job.cancelled"}
)
PATH = "/v1/events"
STREAM_READ_TIMEOUT_S = 45.0
"""How long an event stream may stay silent before it counts as dropped (and is resumed): the
server sends a comment every 15 s, so three missed ones mean a connection that died without
closing (a NAT or proxy forgot it), which would otherwise hang forever."""


def parse_event(data: str | bytes) -> JobEvent:
    """A job event from its JSON (an SSE `data:` line, a webhook body): its model by `type`,
    else an `UnknownEvent`; `StudioError` `unexpected_response` when it is not an event."""
    try:
        event = UnknownEvent.model_validate_json(data)
        return KNOWN_EVENT.validate_json(data) if event.type in KNOWN_TYPES else event
    except ValidationError as exc:
        raise StudioError.unexpected(exc) from exc


class Resume:
    """The state of one logical stream across connections: the last event id seen (sent back as
    `Last-Event-ID` on reconnecting) and the failures since the last event."""

    def __init__(
        self,
        retry: Retry,
        job_ids: Sequence[str],
        batch_id: str | None,
        last_event_id: str | None,
    ) -> None:
        self.retry = retry
        self.params = query(job_id=list(job_ids), batch_id=batch_id)
        self.last_event_id = last_event_id
        self.failures = 0

    def headers(self) -> dict[str, str]:
        return {"Last-Event-ID": self.last_event_id} if self.last_event_id else {}

    def receive(self, message: ServerSentEvent) -> JobEvent | None:
        """The event a message carries (None for one without data), noting its id; the
        stream's last word, an `error` event (the key was revoked), raises `StudioError`."""
        if message.event == "error":
            try:
                body = ErrorPublic.model_validate_json(message.data).error
            except ValidationError as exc:
                raise StudioError.unexpected(exc) from exc
            raise StudioError(401, body.code, body.message, body.details, body.request_id)
        self.failures = 0
        if message.id:
            self.last_event_id = message.id
        return parse_event(message.data) if message.data else None

    def dropped(self, outcome: Outcome | None) -> float:
        """The wait before reconnecting after the stream ended (None), broke or was refused;
        raises `StudioError` when it cannot go on."""
        if outcome is None:
            outcome = httpx.RemoteProtocolError("the event stream ended")
        wait = self.retry.wait(True, self.failures, outcome)
        self.failures += 1
        if wait is not None:
            return wait
        if isinstance(outcome, httpx.TransportError):
            raise StudioError.unreachable(outcome)
        raise StudioError.from_response(outcome)
