"""Batch bodies: a campaign of jobs submitted, validated and priced as one."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from contracts.events import Cost
from contracts.http.billing import EstimatesPublic
from contracts.http.jobs import JobCreate
from contracts.http.pages import Page
from contracts.http.schedules import MAX_SCHEDULE_DAYS
from contracts.jobs import JOB_KINDS, Pricing
from contracts.media import AssetId
from contracts.params.image_inputs import ChecksInputs
from contracts.params.overlay import BrandKitId, Corner, WatermarkParams
from contracts.topics import Lane

MAX_BATCH_JOBS = 10_000


class ApplyToAssets(BaseModel):
    """One spec (an edit, an upscale, a video...) applied to many assets: a job per asset, in
    order, whose source image param (`asset_id`, or `image_asset_id` for video and avatar jobs:
    the kind's first input) is that asset (row n of the batch is `asset_ids[n - 1]`)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="e.g. `edit.remove_background`, `transform.image_to_video`.")
    params: dict[str, Any] = Field(
        default_factory=dict, description="Every param but the source image."
    )
    asset_ids: list[AssetId] = Field(min_length=1, max_length=MAX_BATCH_JOBS)

    @model_validator(mode="after")
    def _source_comes_from_the_list(self) -> Self:
        source = source_param(self.kind)
        if source in self.params:
            raise ValueError(f"`params.{source}` comes from `asset_ids`: leave it out of params")
        return self

    def jobs(self) -> list[JobCreate]:
        source = source_param(self.kind)
        return [
            JobCreate(kind=self.kind, params={**self.params, source: asset})
            for asset in self.asset_ids
        ]


def source_param(kind: str) -> str:
    """The param naming the one image a kind works on: its first input, if an image."""
    spec = JOB_KINDS.get(kind)
    if spec is None:
        raise ValueError(f"unknown kind {kind!r}; known: {', '.join(sorted(JOB_KINDS))}")
    params = spec.params
    media = params.media_type if issubclass(params, ChecksInputs) else lambda _: "image"
    if not spec.inputs or media(spec.inputs[0]) != "image":
        raise ValueError(f"{kind} takes no source image: give `jobs` instead of `apply`")
    return spec.inputs[0]


class BatchTiming(BaseModel):
    """When a batch runs: now (neither field), at `schedule_at`, or off-peak."""

    model_config = ConfigDict(extra="forbid")

    schedule_at: AwareDatetime | None = Field(
        default=None,
        description="Hold the jobs (`scheduled`) until this time (RFC 3339 with an offset, in "
        f"the future, at most {MAX_SCHEDULE_DAYS} days ahead), then run them.",
    )
    schedule: Literal["off_peak"] | None = Field(
        default=None,
        description="`off_peak`: hold the jobs until the tenant's off-peak window opens "
        "(`GET /v1/off-peak-window`); inside it they run at once.",
    )

    @model_validator(mode="after")
    def _one_schedule(self) -> Self:
        if self.schedule_at is not None and self.schedule is not None:
            raise ValueError("give `schedule_at` or `schedule`, not both")
        return self


class BatchWatermark(BaseModel):
    """The brand kit's logo stamped on every image the batch makes (`edit.watermark` without
    its source image): each image output gets a follow-up `edit.watermark` job in the batch."""

    model_config = ConfigDict(extra="forbid")

    brand_kit: BrandKitId = Field(description="Its logo is the watermark (it must have one).")
    corner: Corner = "bottom-right"
    opacity: float = Field(default=0.8, gt=0, le=1)
    margin: int = Field(default=24, ge=0, le=2000, description="Pixels kept from the edges.")
    scale: float = Field(default=0.15, gt=0, le=1, description="Logo width / image width.")


STAMPED_PRICING = (Pricing.IMAGES, Pricing.EDIT)
"""Kinds priced so make one image per unit (generations, edits, upscales, controls)."""


def stamps_outputs(kind: str) -> bool:
    """Whether a watermarked batch stamps this kind's images (not videos, 3D models, platform
    formats, whose sizes and byte limits a stamp would break, nor watermarks)."""
    spec = JOB_KINDS.get(kind)
    return spec is not None and kind != WatermarkParams.KIND and spec.pricing in STAMPED_PRICING


def is_stamp_source(kind: str, role: str, content_type: str) -> bool:
    """An asset a watermarked batch stamps: its results hold the watermarked version instead."""
    return role == "output" and content_type.startswith("image/") and stamps_outputs(kind)


class BatchCreate(BatchTiming):
    """`POST /v1/batches` as JSON: every job of a campaign. Nothing is created unless every job
    is valid and the account may run them all."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "spring launch",
                    "jobs": [
                        {"kind": "generate", "params": {"prompt": "a watch on marble"}},
                        {"kind": "generate", "params": {"prompt": "a watch on sand"}},
                    ],
                },
                {
                    "name": "cut-outs",
                    "apply": {
                        "kind": "edit.remove_background",
                        "params": {},
                        "asset_ids": ["ast_01JD3ZB1ZK9Q1X4Q1X4Q1X4Q1X"],
                    },
                },
            ]
        },
    )

    jobs: list[JobCreate] = Field(default_factory=list, max_length=MAX_BATCH_JOBS)
    apply: ApplyToAssets | None = Field(
        default=None,
        description="Instead of `jobs`: one spec applied to each of a list of assets.",
    )
    name: str | None = Field(default=None, max_length=200)
    collection_id: str | None = Field(
        default=None, description="Put the batch's outputs in this collection as they are made."
    )
    dry_run: bool = Field(
        default=False, description="Only validate and price: errors per row, nothing created."
    )
    watermark: BatchWatermark | None = Field(
        default=None,
        description="Watermark every image output with the brand kit's logo: the batch's "
        "results (archive, collection) are the watermarked images; videos and 3D models are "
        "left as they are.",
    )

    @model_validator(mode="after")
    def _jobs_or_apply(self) -> Self:
        if self.apply is not None and self.jobs:
            raise ValueError("give `jobs` or `apply`, not both")
        if self.apply is not None:
            self.jobs = self.apply.jobs()
        if not self.jobs:
            raise ValueError("give `jobs` (at least one) or `apply`")
        return self


class RowError(BaseModel):
    """One problem of one row (from 1: the CSV's data rows, JSONL lines or listed jobs)."""

    row: int
    field: str = Field(description="e.g. `params.prompt`, `kind`, or a CSV column.")
    message: str


class BatchCheck(BaseModel):
    """A dry run's answer: every row's problems and the price of the rows that are valid."""

    jobs: int
    valid: bool
    errors: list[RowError]
    estimate: EstimatesPublic | None = Field(
        description="Price of the valid rows, in order, and whether the account may run them."
    )


class BatchCounts(BaseModel):
    scheduled: int = 0
    accepted: int = 0
    approved: int = 0
    running: int = 0
    completed: int = 0
    failed: int = 0
    rejected: int = 0
    cancelled: int = 0


class BatchLinks(BaseModel):
    self: str
    jobs: str
    events: str = Field(description="SSE stream of the batch's job events.")
    archive: str


BatchStatus = Literal["scheduled", "running", "completed"]


class BatchPublic(BaseModel):
    id: str
    name: str | None
    status: BatchStatus = Field(
        description="`scheduled` while its jobs wait for `scheduled_at`; `completed` once every "
        "job has ended, however."
    )
    scheduled_at: datetime | None = Field(
        default=None, description="When a scheduled batch's jobs are (or were) released."
    )
    lane: Lane
    jobs: int = Field(
        description="Its jobs: the rows, and a watermarked batch's `edit.watermark` jobs so far."
    )
    counts: BatchCounts
    estimate_credits: int = Field(description="What the batch was priced at when submitted.")
    estimate_price_usd: Decimal
    collection_id: str | None = Field(default=None, description="Where its outputs go.")
    watermark: BatchWatermark | None = Field(
        default=None, description="The watermark stamped on its image outputs, if any."
    )
    cost: Cost = Field(description="What the completed jobs cost so far.")
    eta_s: float | None = Field(description="Seconds until every job ends, at the pace so far.")
    created_at: datetime
    updated_at: datetime
    links: BatchLinks


class BatchesPublic(Page[BatchPublic]):
    """A page of batches, newest first."""


class BatchCancelled(BaseModel):
    """`POST /v1/batches/{id}/cancel`: how many jobs not started yet are being cancelled (each
    ends `cancelled` shortly, and its credits are given back), and the batch as it stands."""

    cancelling: int
    batch: BatchPublic


class BatchRetried(BaseModel):
    """`POST /v1/batches/{id}/retry-failed`: the failed jobs submitted again as new jobs."""

    retried: int
    batch: BatchPublic
