"""What the gateway projects: the commands that stand for the `accepted` and `approved` events.

A job's acceptance and approval are not published as events of their own: the `job.requested`
command is the fact that the gateway accepted the job, and the `job.run` command the fact that
billing approved it. The gateway reads both (only their envelope, kind and held credits) and
shows clients the `accepted` and `approved` events they stand for."""

from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from contracts.envelope import CloudEvent
from contracts.events.codes import EventType
from contracts.events.data import EventData, JobAccepted, JobApproved
from contracts.events.typed import (
    JobAcceptedEvent,
    JobApprovedEvent,
    JobEvent,
    LifecycleEvents,
)


class CommandSeen(EventData):
    """What a projection reads of a `requested` or `run` command (the rest is ignored)."""

    kind: str
    credits_reserved: int = 0


class RequestedSeenEvent(CloudEvent[CommandSeen]):
    type: Literal[EventType.REQUESTED] = EventType.REQUESTED


class RunSeenEvent(CloudEvent[CommandSeen]):
    type: Literal[EventType.RUN] = EventType.RUN


Projected = Annotated[
    RequestedSeenEvent | RunSeenEvent | LifecycleEvents, Field(discriminator="type")
]
"""A record the gateway projects: a command that stands for a lifecycle event, or an event."""

PROJECTED = TypeAdapter[Projected](Projected)


def lifecycle_of(record: Projected) -> JobEvent:
    """The lifecycle event a projected record is: `requested` is `accepted`, `run` is
    `approved` (same job, time and trace; ids `{job_id}:accepted` and `{job_id}:approved`)."""
    if isinstance(record, RequestedSeenEvent):
        stands_for: JobEvent = JobAcceptedEvent.model_validate(
            _same_fact(record, "accepted")
            | {"data": JobAccepted(kind=record.data.kind, lane=record.lane)}
        )
    elif isinstance(record, RunSeenEvent):
        approved = JobApproved(kind=record.data.kind, credits_reserved=record.data.credits_reserved)
        stands_for = JobApprovedEvent.model_validate(
            _same_fact(record, "approved") | {"data": approved}
        )
    else:
        return record
    stands_for._trace = record._trace
    return stands_for


def _same_fact(command: CloudEvent[Any], fact: str) -> dict[str, Any]:
    """The command's envelope as that of the event it stands for (its own `type` aside)."""
    envelope = command.header()
    del envelope["type"]
    return envelope | {"id": f"{command.job_id}:{fact}", "subject": f"jobs/{command.job_id}"}
