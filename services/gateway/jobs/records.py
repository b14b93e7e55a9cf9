"""Job records: the gateway's durable truth of every accepted job and where it stands."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, Field
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from contracts.billing.discounts import Discount
from contracts.brand import BrandKit
from contracts.envelope import CloudEvent
from contracts.events import (
    Attempt,
    Cost,
    InputAsset,
    JobRequested,
    JobRequestedEvent,
)
from contracts.http.jobs import JobErrorPublic, JobLinks, JobProgressPublic, JobPublic
from contracts.jobs import FINAL_STATUSES, JobStatus
from contracts.optimizer import OutputFailure
from contracts.routing import RoutingDecision
from contracts.topics import Lane
from contracts.upscaling import UpscaleChoice
from services.gateway import SOURCE
from services.gateway.jobs.idempotency import KEY_INDEX
from shared.batching import GroupCommit
from shared.database import DUPLICATE_KEY, Database, Document, Index, from_ms, insert_new, now_ms
from shared.errors import PermanentError
from shared.pages import fetch_page

EventT = TypeVar("EventT", bound=CloudEvent[Any])
COLLECTION = "jobs"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("created_at_ms", -1)]),
        KEY_INDEX,
        Index([("status", 1), ("updated_at_ms", 1)]),
        Index(
            [("tenant_id", 1), ("batch_id", 1), ("created_at_ms", -1)],
            partial={"batch_id": {"$type": "string"}},
        ),
    ]
}
OPEN_STATUSES = [
    s.value for s in JobStatus if s not in FINAL_STATUSES and s is not JobStatus.SCHEDULED
]
"""Statuses of jobs in flight (a scheduled job is not: nothing was sent for it yet)."""
PUBLIC_FIELDS = {
    "id",
    "batch_id",
    "retry_of",
    "retried_by",
    "kind",
    "status",
    "lane",
    "params",
    "progress",
    "asset_ids",
    "cost",
    "error",
    "provider",
    "model",
    "attempts",
    "cached_from",
    "failures",
    "choice",
    "decision",
}


class JobRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    kind: str
    params: dict[str, Any]
    lane: Lane
    batch_id: str | None = None
    retry_of: str | None = None
    retried_by: str | None = None
    status: JobStatus = JobStatus.ACCEPTED
    status_rank: int = 0
    progress: JobProgressPublic | None = None
    asset_ids: list[str] = Field(default_factory=list)
    cost: Cost | None = None
    error: JobErrorPublic | None = None
    provider: str | None = None
    model: str | None = None
    attempts: list[Attempt] = Field(default_factory=list)
    cached_from: str | None = None
    failures: list[OutputFailure] = Field(default_factory=list)
    choice: UpscaleChoice | None = None
    decision: RoutingDecision | None = None
    brand_kit: BrandKit | None = None
    inputs: dict[str, InputAsset] = Field(default_factory=dict)
    discount: Discount | None = None
    idempotency_key: str | None = None
    request_hash: str | None = None
    redeliveries: int = 0
    created_at_ms: int
    updated_at_ms: int

    def command(self, event_type: type[EventT], data: BaseModel, fact: str) -> EventT:
        """A command about this job from the gateway, with id `{job_id}:{fact}`."""
        return event_type.model_validate(
            {
                "id": f"{self.id}:{fact}",
                "source": SOURCE,
                "subject": f"jobs/{self.id}",
                "tenant_id": self.tenant_id,
                "job_id": self.id,
                "batch_id": self.batch_id,
                "lane": self.lane,
                "data": data,
            }
        )

    def requested(self) -> JobRequestedEvent:
        """The job's `job.requested` command (the same every time it is published). It is also
        the fact of the job's acceptance: the projector shows clients `accepted` for it."""
        spec = JobRequested(
            kind=self.kind,
            params=self.params,
            submitted_at=from_ms(self.created_at_ms),
            brand_kit=self.brand_kit,
            inputs=self.inputs,
            discount=self.discount,
        )
        return self.command(JobRequestedEvent, spec, "requested")

    def public(self) -> JobPublic:
        links = JobLinks(
            self=f"/v1/jobs/{self.id}",
            events=f"/v1/events?job_id={self.id}",
            assets=f"/v1/assets?job_id={self.id}",
            archive=f"/v1/jobs/{self.id}/archive",
        )
        fields = self.model_dump(include=PUBLIC_FIELDS)
        return JobPublic(
            **fields,
            created_at=from_ms(self.created_at_ms),
            updated_at=from_ms(self.updated_at_ms),
            links=links,
        )


@dataclass(frozen=True)
class BatchTally:
    """A batch's jobs by status, the cost of the completed ones, and their time span."""

    counts: dict[str, int]
    credits: int
    usd: Decimal
    first_ms: int | None
    last_ms: int | None

    @classmethod
    def accepted(cls, jobs: int, at_ms: int) -> "BatchTally":
        """A new batch's: every job just accepted."""
        return cls({JobStatus.ACCEPTED.value: jobs}, 0, Decimal(0), at_ms, at_ms)

    @classmethod
    def of(cls, groups: list[dict[str, Any]]) -> "BatchTally":
        usd = sum((Decimal(str(v)) for g in groups for v in g["usd"] if v is not None), Decimal(0))
        firsts = [g["first_ms"] for g in groups if g["first_ms"] is not None]
        lasts = [g["last_ms"] for g in groups if g["last_ms"] is not None]
        return cls(
            counts={str(g["_id"]): int(g["jobs"]) for g in groups},
            credits=sum(int(g["credits"]) for g in groups),
            usd=usd,
            first_ms=min(firsts) if firsts else None,
            last_ms=max(lasts) if lasts else None,
        )


class Jobs:
    """The job collection; every tenant-facing query is scoped by tenant."""

    def __init__(self, db: Database) -> None:
        self._jobs = db[COLLECTION]
        self._new = GroupCommit(self._insert_new)

    async def insert(self, job: JobRecord) -> None:
        """Insert a new job (DuplicateKeyError when its idempotency key was already used). Jobs
        submitted at the same moment are written together."""
        doc = job.model_dump(by_alias=True, mode="json", exclude_none=True)
        if not await self._new.submit(doc):
            raise DuplicateKeyError("this idempotency key is taken", DUPLICATE_KEY)

    async def _insert_new(self, docs: list[Document]) -> list[bool]:
        taken = await insert_new(self._jobs, docs)
        return [index not in taken for index in range(len(docs))]

    async def insert_many(self, jobs: list[JobRecord]) -> None:
        """Insert a batch's new jobs (ordered: a failure stops at that job)."""
        docs = [job.model_dump(by_alias=True, mode="json", exclude_none=True) for job in jobs]
        await self._jobs.insert_many(docs)

    async def batch_tally(self, tenant_id: str, batch_id: str) -> "BatchTally":
        """How many of the batch's jobs stand where, what the completed ones cost, and when the
        first job was accepted and the last one moved."""
        pipeline: list[dict[str, Any]] = [
            {
                "$match": {
                    "tenant_id": tenant_id,
                    "batch_id": batch_id,
                    "retried_by": {"$exists": False},
                }
            },
            {
                "$group": {
                    "_id": "$status",
                    "jobs": {"$sum": 1},
                    "credits": {"$sum": {"$ifNull": ["$cost.credits", 0]}},
                    "usd": {"$push": "$cost.usd"},
                    "first_ms": {"$min": "$created_at_ms"},
                    "last_ms": {"$max": "$updated_at_ms"},
                }
            },
        ]
        groups = await (await self._jobs.aggregate(pipeline)).to_list()
        return BatchTally.of(groups)

    async def of_batch(
        self, tenant_id: str, batch_id: str, statuses: list[JobStatus]
    ) -> list[JobRecord]:
        """The batch's current jobs (not those retried by another) in these statuses."""
        query = {
            "tenant_id": tenant_id,
            "batch_id": batch_id,
            "status": {"$in": [s.value for s in statuses]},
            "retried_by": {"$exists": False},
        }
        return [JobRecord.model_validate(doc) async for doc in self._jobs.find(query)]

    async def mark_retried(self, job_id: str, retry_id: str) -> None:
        await self._jobs.update_one({"_id": job_id}, {"$set": {"retried_by": retry_id}})

    async def failed_in_batch(self, tenant_id: str, batch_id: str) -> list[dict[str, Any]]:
        """The batch's jobs that ended without output: id, status and why."""
        query = {
            "tenant_id": tenant_id,
            "batch_id": batch_id,
            "status": {"$in": [s.value for s in FINAL_STATUSES if s is not JobStatus.COMPLETED]},
            "retried_by": {"$exists": False},
        }
        docs = await self._jobs.find(query, {"status": 1, "error": 1}).to_list()
        return [{"job_id": d["_id"], "status": d["status"], "error": d.get("error")} for d in docs]

    async def statuses_in_batch(self, tenant_id: str, batch_id: str) -> dict[str, JobStatus]:
        """Each of the batch's jobs (those not retried) and its status."""
        query = {"tenant_id": tenant_id, "batch_id": batch_id, "retried_by": {"$exists": False}}
        docs = await self._jobs.find(query, {"status": 1}).to_list()
        return {doc["_id"]: JobStatus(doc["status"]) for doc in docs}

    async def get(self, tenant_id: str, job_id: str) -> JobRecord:
        doc = await self._jobs.find_one({"_id": job_id, "tenant_id": tenant_id})
        if doc is None:
            raise PermanentError("not_found", f"no job {job_id}")
        return JobRecord.model_validate(doc)

    async def by_idempotency_key(self, tenant_id: str, key: str) -> JobRecord | None:
        doc = await self._jobs.find_one({"tenant_id": tenant_id, "idempotency_key": key})
        return JobRecord.model_validate(doc) if doc else None

    async def count_owned(self, tenant_id: str, job_ids: list[str]) -> int:
        return await self._jobs.count_documents({"tenant_id": tenant_id, "_id": {"$in": job_ids}})

    async def page(
        self,
        tenant_id: str,
        *,
        cursor: str | None,
        limit: int,
        status: JobStatus | None,
        batch_id: str | None = None,
    ) -> tuple[list[JobRecord], str | None]:
        query: dict[str, Any] = {"tenant_id": tenant_id}
        if status is not None:
            query["status"] = status.value
        if batch_id is not None:
            query["batch_id"] = batch_id
        docs, next_cursor = await fetch_page(self._jobs, query, cursor, limit)
        return [JobRecord.model_validate(doc) for doc in docs], next_cursor

    async def stuck(
        self, now_ms: int, after_ms: int, max_redeliveries: int, limit: int = 100
    ) -> list[JobRecord]:
        """Open jobs nobody touched for `after_ms` doubled per redelivery so far (so a long
        outage is waited out, not dead-lettered in minutes)."""
        due = [
            {
                "redeliveries": {"$in": [0, None]} if tries == 0 else tries,
                "updated_at_ms": {"$lt": now_ms - after_ms * 2**tries},
            }
            for tries in range(max_redeliveries)
        ]
        late = now_ms - after_ms * 2**max_redeliveries
        due.append({"redeliveries": {"$gte": max_redeliveries}, "updated_at_ms": {"$lt": late}})
        query = {"status": {"$in": OPEN_STATUSES}, "$or": due}
        docs = await self._jobs.find(query).sort("updated_at_ms", 1).limit(limit).to_list()
        return [JobRecord.model_validate(doc) for doc in docs]

    async def claim_sweep(self, job: JobRecord) -> JobRecord | None:
        """Take a stuck job for this sweep, unless someone touched it meanwhile (then None)."""
        doc = await self._jobs.find_one_and_update(
            {"_id": job.id, "updated_at_ms": job.updated_at_ms, "status": {"$in": OPEN_STATUSES}},
            {"$set": {"updated_at_ms": now_ms()}},
            return_document=ReturnDocument.AFTER,
        )
        return JobRecord.model_validate(doc) if doc else None

    async def count_redelivery(self, job_id: str) -> None:
        await self._jobs.update_one({"_id": job_id}, {"$inc": {"redeliveries": 1}})
