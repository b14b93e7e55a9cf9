"""Job records: the gateway's durable truth of every accepted job and where it stands."""

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from pymongo import ReturnDocument

from contracts.brand import BrandKit
from contracts.events import (
    STATUS_OF,
    Attempt,
    Cost,
    InputAsset,
    JobCompletedEvent,
    JobEvent,
    JobFailedEvent,
    JobProgressEvent,
    JobRejectedEvent,
)
from contracts.http.jobs import JobErrorPublic, JobLinks, JobProgressPublic, JobPublic
from contracts.jobs import FINAL_STATUSES, JobStatus
from contracts.optimizer import OutputFailure
from contracts.topics import Lane
from shared.database import Database, Index, from_ms, now_ms
from shared.errors import PermanentError
from shared.pages import fetch_page

COLLECTION = "jobs"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("created_at_ms", -1)]),
        Index(
            [("tenant_id", 1), ("idempotency_key", 1)],
            unique=True,
            partial={"idempotency_key": {"$type": "string"}},
        ),
        Index([("status", 1), ("updated_at_ms", 1)]),
    ]
}
OPEN_STATUSES = [s.value for s in JobStatus if s not in FINAL_STATUSES]
PUBLIC_FIELDS = {
    "id",
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
}


class JobRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    kind: str
    params: dict[str, Any]
    lane: Lane
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
    brand_kit: BrandKit | None = None
    inputs: dict[str, InputAsset] = Field(default_factory=dict)
    idempotency_key: str | None = None
    request_hash: str | None = None
    redeliveries: int = 0
    created_at_ms: int
    updated_at_ms: int

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
class Applied:
    """The job after an event was applied (None for an unknown job), and whether it moved."""

    job: JobRecord | None
    moved: bool


class Jobs:
    """The job collection; every tenant-facing query is scoped by tenant."""

    def __init__(self, db: Database) -> None:
        self._jobs = db[COLLECTION]

    async def insert(self, job: JobRecord) -> None:
        """Insert a new job (DuplicateKeyError when its idempotency key was already used)."""
        await self._jobs.insert_one(job.model_dump(by_alias=True, mode="json", exclude_none=True))

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
        self, tenant_id: str, *, cursor: str | None, limit: int, status: JobStatus | None
    ) -> tuple[list[JobRecord], str | None]:
        query: dict[str, Any] = {"tenant_id": tenant_id}
        if status is not None:
            query["status"] = status.value
        docs, next_cursor = await fetch_page(self._jobs, query, cursor, limit)
        return [JobRecord.model_validate(doc) for doc in docs], next_cursor

    async def apply(self, event: JobEvent) -> "Applied":
        """Move the job to the event's status if that is forward; says where the job stands."""
        status = STATUS_OF[event.type]
        guard: dict[str, Any] = {"_id": event.job_id, "tenant_id": event.tenant_id}
        if status in FINAL_STATUSES:
            guard["status"] = {"$in": OPEN_STATUSES}
        elif isinstance(event, JobProgressEvent):
            guard["status_rank"] = {"$lte": status.rank}
        else:
            guard["status_rank"] = {"$lt": status.rank}
        change = {"status": status.value, "status_rank": status.rank, "updated_at_ms": now_ms()}
        doc = await self._jobs.find_one_and_update(
            guard, {"$set": change | _outcome(event)}, return_document=ReturnDocument.AFTER
        )
        if doc is not None:
            return Applied(JobRecord.model_validate(doc), moved=True)
        current = await self._jobs.find_one({"_id": event.job_id, "tenant_id": event.tenant_id})
        return Applied(JobRecord.model_validate(current) if current else None, moved=False)

    async def stuck(self, older_than_ms: int, limit: int = 100) -> list[JobRecord]:
        """Open jobs nobody touched since `older_than_ms`."""
        query = {"status": {"$in": OPEN_STATUSES}, "updated_at_ms": {"$lt": older_than_ms}}
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


def _outcome(event: JobEvent) -> dict[str, Any]:
    """The fields an event sets on its job besides the status."""
    if isinstance(event, JobProgressEvent):
        return {"progress": event.data.model_dump()}
    if isinstance(event, JobCompletedEvent):
        done = event.data
        return {
            "asset_ids": [asset.id for asset in done.assets],
            "cost": done.cost.model_dump(mode="json"),
            "progress": {"percent": 100, "message": "completed"},
            "provider": done.provider,
            "model": done.model or None,
            "attempts": [attempt.model_dump(mode="json") for attempt in done.attempts],
            "cached_from": done.cached_from,
            "failures": [failure.model_dump(mode="json") for failure in done.failures],
        }
    if isinstance(event, JobFailedEvent):
        attempts = [attempt.model_dump(mode="json") for attempt in event.data.attempts]
        return {
            "error": event.data.model_dump(mode="json", exclude={"attempts"}),
            "attempts": attempts,
        }
    if isinstance(event, JobRejectedEvent):
        refusal = JobErrorPublic(code=event.data.code, message=event.data.message, retriable=False)
        return {"error": refusal.model_dump()}
    return {}
