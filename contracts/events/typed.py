"""Typed envelopes: each command's and lifecycle event's CloudEvent, the union of lifecycle events,
the status each moves its job to, and the follow-up event of a cause."""

from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, TypeAdapter

from contracts.envelope import CloudEvent
from contracts.events.codes import EventType
from contracts.events.data import (
    CancelJob,
    DeadLettered,
    JobAccepted,
    JobApproved,
    JobCancelled,
    JobCompleted,
    JobFailed,
    JobProgress,
    JobRejected,
    JobRequested,
    JobStarted,
    RunJob,
)
from contracts.jobs import JobStatus


class JobRequestedEvent(CloudEvent[JobRequested]):
    type: Literal[EventType.REQUESTED] = EventType.REQUESTED


class RunJobEvent(CloudEvent[RunJob]):
    type: Literal[EventType.RUN] = EventType.RUN


class CancelJobEvent(CloudEvent[CancelJob]):
    type: Literal[EventType.CANCEL] = EventType.CANCEL


class JobAcceptedEvent(CloudEvent[JobAccepted]):
    type: Literal[EventType.ACCEPTED] = EventType.ACCEPTED


class JobRejectedEvent(CloudEvent[JobRejected]):
    type: Literal[EventType.REJECTED] = EventType.REJECTED


class JobApprovedEvent(CloudEvent[JobApproved]):
    type: Literal[EventType.APPROVED] = EventType.APPROVED


class JobStartedEvent(CloudEvent[JobStarted]):
    type: Literal[EventType.STARTED] = EventType.STARTED


class JobProgressEvent(CloudEvent[JobProgress]):
    type: Literal[EventType.PROGRESS] = EventType.PROGRESS


class JobCompletedEvent(CloudEvent[JobCompleted]):
    type: Literal[EventType.COMPLETED] = EventType.COMPLETED


class JobFailedEvent(CloudEvent[JobFailed]):
    type: Literal[EventType.FAILED] = EventType.FAILED


class JobCancelledEvent(CloudEvent[JobCancelled]):
    type: Literal[EventType.CANCELLED] = EventType.CANCELLED


class DeadLetteredEvent(CloudEvent[DeadLettered]):
    type: Literal[EventType.DEAD_LETTERED] = EventType.DEAD_LETTERED


LifecycleEvents = (
    JobAcceptedEvent
    | JobRejectedEvent
    | JobApprovedEvent
    | JobStartedEvent
    | JobProgressEvent
    | JobCompletedEvent
    | JobFailedEvent
    | JobCancelledEvent
)
JobEvent = Annotated[LifecycleEvents, Field(discriminator="type")]
"""Any event of the `studio.jobs.events.*` topics."""

JOB_EVENT = TypeAdapter[JobEvent](JobEvent)

STATUS_OF: dict[str, JobStatus] = {
    EventType.ACCEPTED: JobStatus.ACCEPTED,
    EventType.REJECTED: JobStatus.REJECTED,
    EventType.APPROVED: JobStatus.APPROVED,
    EventType.STARTED: JobStatus.RUNNING,
    EventType.PROGRESS: JobStatus.RUNNING,
    EventType.COMPLETED: JobStatus.COMPLETED,
    EventType.FAILED: JobStatus.FAILED,
    EventType.CANCELLED: JobStatus.CANCELLED,
}
"""The job status each lifecycle event moves its job to."""

EventT = TypeVar("EventT", bound=CloudEvent[Any])


def follow_up(
    cause: CloudEvent[Any], event_type: type[EventT], data: BaseModel, *, source: str, fact: str
) -> EventT:
    """An event about the same job as `cause`, with id `{job_id}:{fact}` (stable across retries),
    in the cause's trace."""
    event = event_type.model_validate(
        {
            "id": f"{cause.job_id}:{fact}",
            "source": source,
            "subject": f"jobs/{cause.job_id}",
            "tenant_id": cause.tenant_id,
            "job_id": cause.job_id,
            "batch_id": cause.batch_id,
            "lane": cause.lane,
            "data": data,
        }
    )
    event._trace = cause._trace
    return event
