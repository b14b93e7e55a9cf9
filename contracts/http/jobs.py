"""Job bodies of the gateway API."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contracts.events import Attempt, Cost
from contracts.http.pages import Page
from contracts.jobs import JobStatus
from contracts.optimizer import OutputFailure
from contracts.routing import RoutingDecision
from contracts.topics import Lane
from contracts.upscaling import UpscaleChoice


class JobCreate(BaseModel):
    """`POST /v1/jobs`: a kind and its params (see the params schema of each kind)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "generate",
                    "params": {"prompt": "a red fox in snow", "quality": "draft", "variations": 2},
                }
            ]
        },
    )

    kind: str = Field(description="Job kind, e.g. `generate`.")
    params: dict[str, Any] = Field(default_factory=dict)


class JobLinks(BaseModel):
    self: str
    events: str = Field(description="SSE stream of this job's events.")
    assets: str = Field(description="Assets this job produced.")
    archive: str = Field(description="A zip of every output with its manifest.")


class JobProgressPublic(BaseModel):
    percent: int
    message: str


class JobErrorPublic(BaseModel):
    code: str
    message: str
    retriable: bool


class JobPublic(BaseModel):
    id: str
    kind: str
    status: JobStatus
    batch_id: str | None = Field(default=None, description="The batch it was submitted in.")
    retry_of: str | None = Field(default=None, description="The failed job this one retries.")
    retried_by: str | None = Field(default=None, description="The job that retried this one.")
    lane: Lane
    params: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    progress: JobProgressPublic | None = None
    asset_ids: list[str] = Field(default_factory=list)
    cost: Cost | None = None
    error: JobErrorPublic | None = None
    provider: str | None = Field(default=None, description="The provider that delivered.")
    model: str | None = None
    attempts: list[Attempt] = Field(
        default_factory=list, description="Every provider call made (and provider passed over)."
    )
    cached_from: str | None = Field(
        default=None, description="The earlier job whose result this one reused (no charge)."
    )
    failures: list[OutputFailure] = Field(
        default_factory=list,
        description="Outputs of a completed job that could not be made, each with its reason.",
    )
    choice: UpscaleChoice | None = Field(
        default=None, description="`upscale.auto`: the mode it ran and why."
    )
    decision: RoutingDecision | None = Field(
        default=None, description="`provider: auto`: why the provider that delivered was chosen."
    )
    links: JobLinks


class JobsPublic(Page[JobPublic]):
    """A page of jobs, newest first."""
