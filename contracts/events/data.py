"""The data of each command and lifecycle event (what travels inside the CloudEvent envelope)."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contracts.billing.discounts import Discount
from contracts.brand import BrandKit
from contracts.events.codes import RejectionCode
from contracts.media import StoredMedia
from contracts.optimizer import AssetRole, OutputFailure, OutputReport
from contracts.routing import RoutingDecision
from contracts.topics import Lane
from contracts.upscaling import UpscaleChoice


class EventData(BaseModel):
    """The data of an event: frozen once built."""

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


class JobSpec(EventData):
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
    discount: Discount | None = Field(
        default=None, description="A batch's volume discount: billing holds and charges less."
    )


class JobRequested(JobSpec):
    """Gateway → billing: run the pre-flight for this job."""


class RunJob(JobSpec):
    """Billing → worker: the job is paid for; run it."""

    credits_reserved: int = 0


class CancelJob(EventData):
    """Gateway → the worker service of the job: cancel it unless it has started."""

    reason: str


# --- lifecycle events --------------------------------------------------------------------------


class JobAccepted(EventData):
    kind: str
    lane: Lane


class JobRejected(EventData):
    code: RejectionCode
    message: str


class JobApproved(EventData):
    kind: str
    credits_reserved: int = 0


class JobStarted(EventData):
    kind: str
    service: str


class JobProgress(EventData):
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


class Cost(EventData):
    credits: int = Field(default=0, ge=0)
    usd: Decimal = Field(default=Decimal("0"), ge=0)


class AttemptOutcome(StrEnum):
    OK = "ok"
    ERROR = "error"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    REFUSED = "refused"
    SKIPPED = "skipped"


class Attempt(EventData):
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


class JobCompleted(EventData):
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
    params: dict[str, Any] = Field(
        default_factory=dict, description="The job's params as submitted (the library keeps them)."
    )
    choice: UpscaleChoice | None = Field(
        default=None, description="`upscale.auto`: the mode it ran and why."
    )
    decision: RoutingDecision | None = Field(
        default=None, description="`provider: auto`: why the provider that delivered was chosen."
    )


class JobFailed(EventData):
    code: str = Field(description="Machine-readable, e.g. `no_provider_configured`.")
    message: str
    retriable: bool = Field(description="True when resubmitting the same job may succeed.")
    attempts: list[Attempt] = Field(default_factory=list)


class JobCancelled(EventData):
    reason: str


class DeadLettered(EventData):
    """A record that failed every delivery attempt, parked with the reason."""

    topic: str
    partition: int
    offset: int
    code: str
    message: str
    attempts: int
    record: str = Field(description="The original record value, as text.")
