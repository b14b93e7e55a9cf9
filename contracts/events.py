"""Commands and job lifecycle events: the data of each, and its typed CloudEvent envelope.

Event ids are derived from the job id and the fact (`{job_id}:completed`), so a redelivered or
re-emitted fact keeps its id and every consumer can drop the duplicate.
"""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from contracts.brand import BrandKit
from contracts.envelope import CloudEvent
from contracts.jobs import JobStatus
from contracts.media import StoredMedia
from contracts.optimizer import AssetRole, OutputFailure, OutputReport
from contracts.topics import Lane


class EventType(StrEnum):
    """CloudEvents `type` of every record on the bus."""

    REQUESTED = "studio.job.requested"
    RUN = "studio.job.run"
    CANCEL = "studio.job.cancel"
    ACCEPTED = "studio.job.accepted"
    REJECTED = "studio.job.rejected"
    APPROVED = "studio.job.approved"
    STARTED = "studio.job.started"
    PROGRESS = "studio.job.progress"
    COMPLETED = "studio.job.completed"
    FAILED = "studio.job.failed"
    CANCELLED = "studio.job.cancelled"
    DEAD_LETTERED = "studio.job.dead_lettered"


class FailureCode(StrEnum):
    """Well-known codes of `JobFailed.code`; services may add their own (`object_store_error`)."""

    NO_PROVIDER_CONFIGURED = "no_provider_configured"
    UNKNOWN_PROVIDER = "unknown_provider"
    INVALID_PARAMS = "invalid_params"
    PROVIDER_ERROR = "provider_error"
    PROVIDER_REFUSED = "provider_refused"
    PROVIDERS_UNAVAILABLE = "providers_unavailable"
    INTERNAL_ERROR = "internal_error"
    DEAD_LETTERED = "dead_lettered"


class RejectionCode(StrEnum):
    """Why the pre-flight refused a job (machine-readable)."""

    UNKNOWN_KIND = "unknown_kind"
    INVALID_PARAMS = "invalid_params"
    INSUFFICIENT_CREDITS = "insufficient_credits"
    FEATURE_NOT_IN_PLAN = "feature_not_in_plan"
    MONTHLY_QUOTA_EXCEEDED = "monthly_quota_exceeded"
    RESOLUTION_NOT_IN_PLAN = "resolution_not_in_plan"
    BUDGET_CAP_REACHED = "budget_cap_reached"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True)


# --- commands ----------------------------------------------------------------------------------


class InputAsset(StoredMedia):
    """An asset a job reads, as the library stored it (resolved by the gateway at submission)."""

    model_config = ConfigDict(frozen=True)

    id: str
    object_key: str
    root_id: str | None = Field(default=None, description="Its version chain's original.")

    @property
    def chain_root(self) -> str:
        """The original of the chain a new version of this asset joins."""
        return self.root_id or self.id


class JobSpec(_Data):
    """A job as submitted: its kind and validated params (its lane is in the envelope)."""

    kind: str
    params: dict[str, Any]
    submitted_at: datetime
    brand_kit: BrandKit | None = Field(
        default=None, description="The brand kit the params name, as it was when submitted."
    )
    inputs: dict[str, InputAsset] = Field(
        default_factory=dict, description="The assets the params name, by param name."
    )


class JobRequested(JobSpec):
    """Gateway → billing: run the pre-flight for this job."""


class RunJob(JobSpec):
    """Billing → worker: the job is paid for; run it."""

    credits_reserved: int = 0


class CancelJob(_Data):
    """Gateway → the worker service of the job: cancel it unless it has started."""

    reason: str


# --- lifecycle events --------------------------------------------------------------------------


class JobAccepted(_Data):
    kind: str
    lane: Lane


class JobRejected(_Data):
    code: RejectionCode
    message: str


class JobApproved(_Data):
    kind: str
    credits_reserved: int = 0


class JobStarted(_Data):
    kind: str
    service: str


class JobProgress(_Data):
    percent: int = Field(ge=0, le=100)
    message: str


class Derivation(BaseModel):
    """Where an asset comes from: an edited version of another (`parent_id`, `root_id`), or a
    platform format made from a source (optimizer outputs: `source_asset_id`, `preset`)."""

    model_config = ConfigDict(frozen=True)

    parent_id: str | None = Field(
        default=None, description="The asset this one is an edited version of."
    )
    root_id: str | None = Field(
        default=None, description="The original at the head of this version chain."
    )
    poster_id: str | None = Field(default=None, description="A video's JPEG still.")

    preset: str | None = Field(default=None, description="Platform catalog id, e.g. `ig.story`.")
    platform: str | None = None
    source_asset_id: str | None = Field(default=None, description="The asset it was made from.")
    role: AssetRole = "output"
    report: OutputReport | None = Field(
        default=None, description="How it was framed, encoded and checked."
    )


class ProducedAsset(StoredMedia, Derivation):
    """An object a job wrote to the object store, as the library will record it."""

    model_config = ConfigDict(frozen=True)

    id: str
    object_key: str
    seed: int | None = None
    variation: int = 0
    reused_from: str | None = Field(
        default=None, description="The asset whose stored object this one shares (cache hit)."
    )


class Cost(_Data):
    credits: int = Field(default=0, ge=0)
    usd: Decimal = Field(default=Decimal("0"), ge=0)


class AttemptOutcome(StrEnum):
    OK = "ok"
    ERROR = "error"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    REFUSED = "refused"
    SKIPPED = "skipped"


class Attempt(_Data):
    """One call to a provider (or one provider passed over), as recorded on its job."""

    provider: str
    model: str
    variation: int = 0
    outcome: AttemptOutcome
    code: str | None = Field(default=None, description="The provider's error, when it failed.")
    message: str | None = None
    status: int | None = Field(default=None, description="HTTP status the provider answered.")
    latency_ms: int = 0
    retry_after_s: float | None = None
    cost: Cost = Field(default_factory=lambda: Cost(), description="Charged for this attempt.")


class JobCompleted(_Data):
    kind: str
    provider: str
    model: str = Field(default="", description="Empty from workers older than this field.")
    prompt: str | None = Field(default=None, description="The prompt as sent to the provider.")
    negative_prompt: str | None = None
    enhanced_by: str | None = Field(
        default=None, description="What expanded the prompt: `local`, an LLM, or none."
    )
    assets: list[ProducedAsset]
    cost: Cost = Cost()
    duration_ms: int
    attempts: list[Attempt] = Field(default_factory=list)
    cached_from: str | None = Field(
        default=None, description="The earlier job whose result was reused (no provider call)."
    )
    failures: list[OutputFailure] = Field(
        default_factory=list, description="Outputs that could not be made (the rest were)."
    )


class JobFailed(_Data):
    code: str = Field(description="Machine-readable, e.g. `no_provider_configured`.")
    message: str
    retriable: bool = Field(description="True when resubmitting the same job may succeed.")
    attempts: list[Attempt] = Field(default_factory=list)


class JobCancelled(_Data):
    reason: str


class DeadLettered(_Data):
    """A record that failed every delivery attempt, parked with the reason."""

    topic: str
    partition: int
    offset: int
    code: str
    message: str
    attempts: int
    record: str = Field(description="The original record value, as text.")


# --- typed envelopes ---------------------------------------------------------------------------


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


_LifecycleEvents = (
    JobAcceptedEvent
    | JobRejectedEvent
    | JobApprovedEvent
    | JobStartedEvent
    | JobProgressEvent
    | JobCompletedEvent
    | JobFailedEvent
    | JobCancelledEvent
)
JobEvent = Annotated[_LifecycleEvents, Field(discriminator="type")]
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


# --- what the gateway projects ------------------------------------------------------------------
# A job's acceptance and approval are not published as events of their own: the `job.requested`
# command is the fact that the gateway accepted the job, and the `job.run` command the fact that
# billing approved it. The gateway reads both (only their envelope, kind and held credits) and
# shows clients the `accepted` and `approved` events they stand for.


class CommandSeen(_Data):
    """What a projection reads of a `requested` or `run` command (the rest is ignored)."""

    kind: str
    credits_reserved: int = 0


class RequestedSeenEvent(CloudEvent[CommandSeen]):
    type: Literal[EventType.REQUESTED] = EventType.REQUESTED


class RunSeenEvent(CloudEvent[CommandSeen]):
    type: Literal[EventType.RUN] = EventType.RUN


Projected = Annotated[
    RequestedSeenEvent | RunSeenEvent | _LifecycleEvents, Field(discriminator="type")
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
