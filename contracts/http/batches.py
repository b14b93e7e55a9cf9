"""Batch bodies: a campaign of jobs submitted, validated and priced as one."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.events import Cost
from contracts.http.billing import EstimatesPublic
from contracts.http.jobs import JobCreate
from contracts.http.pages import Page
from contracts.media import AssetId
from contracts.topics import Lane

MAX_BATCH_JOBS = 10_000


class ApplyToAssets(BaseModel):
    """One spec (e.g. an edit) applied to many assets: a job per asset, in order, whose
    `params.asset_id` is that asset (row n of the batch is `asset_ids[n - 1]`)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="e.g. `edit.remove_background`, `upscale.fast`.")
    params: dict[str, Any] = Field(default_factory=dict, description="Every param but asset_id.")
    asset_ids: list[AssetId] = Field(min_length=1, max_length=MAX_BATCH_JOBS)

    @model_validator(mode="after")
    def _asset_id_comes_from_the_list(self) -> Self:
        if "asset_id" in self.params:
            raise ValueError("`params.asset_id` comes from `asset_ids`: leave it out of params")
        return self

    def jobs(self) -> list[JobCreate]:
        return [
            JobCreate(kind=self.kind, params={**self.params, "asset_id": asset})
            for asset in self.asset_ids
        ]


class BatchCreate(BaseModel):
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


BatchStatus = Literal["running", "completed"]


class BatchPublic(BaseModel):
    id: str
    name: str | None
    status: BatchStatus = Field(description="`completed` once every job has ended, however.")
    lane: Lane
    jobs: int
    counts: BatchCounts
    estimate_credits: int = Field(description="What the batch was priced at when submitted.")
    estimate_price_usd: Decimal
    collection_id: str | None = Field(default=None, description="Where its outputs go.")
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
