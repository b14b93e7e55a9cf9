"""Job events as typed models, and resuming `GET /v1/events` where a dropped stream left off."""

from collections.abc import Sequence
from typing import Annotated

import httpx
from httpx_sse import ServerSentEvent
from pydantic import Field, TypeAdapter

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

JobEvent = Annotated[
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
"""One CloudEvent of a job; its `type` (`studio.job.completed`, …) says which."""
EVENT: TypeAdapter[JobEvent] = TypeAdapter(JobEvent)
FINAL_TYPES = frozenset(
    {"studio.job.completed", "studio.job.failed", "studio.job.rejected", "studio.job.cancelled"}
)
PATH = "/v1/events"


def parse_event(data: str | bytes) -> JobEvent:
    """A job event from its JSON (an SSE `data:` line, a webhook body)."""
    return EVENT.validate_json(data)


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
            body = ErrorPublic.model_validate_json(message.data).error
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
