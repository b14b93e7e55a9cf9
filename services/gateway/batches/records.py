"""Batch records: the `batches` collection, and a batch as the API shows it (its jobs' counts,
cost and pace)."""

from decimal import Decimal

from pydantic import BaseModel, Field

from contracts.events import Cost
from contracts.http.batches import BatchCounts, BatchLinks, BatchPublic, BatchStatus
from contracts.jobs import FINAL_STATUSES, JobStatus
from contracts.topics import Lane
from services.gateway.batches.watermarks import WatermarkPlan
from services.gateway.jobs.idempotency import KEY_INDEX
from services.gateway.jobs.records import BatchTally
from shared.database import Database, Index, from_ms, now_ms
from shared.errors import PermanentError
from shared.pages import fetch_page

COLLECTION = "batches"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("created_at_ms", -1)]),
        KEY_INDEX,
        Index([("release_at_ms", 1)], partial={"release_at_ms": {"$type": "number"}}),
    ]
}


class BatchRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    name: str | None = None
    lane: Lane
    jobs: int
    estimate_credits: int
    estimate_price_usd: Decimal
    collection_id: str | None = None
    watermark: WatermarkPlan | None = None
    idempotency_key: str | None = None
    request_hash: str
    release_at_ms: int | None = None
    released_at_ms: int | None = None
    created_at_ms: int

    def public(self, tally: BatchTally) -> BatchPublic:
        counts = BatchCounts(**tally.counts)
        ended = sum(n for status, n in tally.counts.items() if status in FINAL_STATUSES)
        jobs = max(self.jobs, sum(tally.counts.values()))  # with its watermarks made so far
        return BatchPublic(
            id=self.id,
            name=self.name,
            status=_status(jobs, ended, tally),
            scheduled_at=from_ms(self.release_at_ms) if self.release_at_ms else None,
            lane=self.lane,
            jobs=jobs,
            counts=counts,
            estimate_credits=self.estimate_credits,
            estimate_price_usd=self.estimate_price_usd,
            collection_id=self.collection_id,
            watermark=self.watermark.asked if self.watermark else None,
            cost=Cost(credits=tally.credits, usd=tally.usd),
            eta_s=_eta(jobs, ended, tally),
            created_at=from_ms(self.created_at_ms),
            updated_at=from_ms(tally.last_ms or self.created_at_ms),
            links=BatchLinks(
                self=f"/v1/batches/{self.id}",
                jobs=f"/v1/batches/{self.id}/jobs",
                events=f"/v1/events?batch_id={self.id}",
                archive=f"/v1/batches/{self.id}/archive",
            ),
        )


def _status(jobs: int, ended: int, tally: BatchTally) -> BatchStatus:
    if tally.counts.get(JobStatus.SCHEDULED.value, 0):
        return "scheduled"
    return "completed" if ended >= jobs else "running"


def _eta(jobs: int, ended: int, tally: BatchTally) -> float | None:
    """At the pace so far (jobs ended per second since the batch began): None before any job
    ended, 0 once all have."""
    if ended >= jobs:
        return 0.0
    if ended == 0 or tally.first_ms is None or tally.last_ms is None:
        return None
    pace = ended / max(0.001, (tally.last_ms - tally.first_ms) / 1000)
    return round((jobs - ended) / pace, 1)


class Batches:
    """The batch collection; every query is scoped by tenant."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._batches = db[COLLECTION]

    async def insert(self, batch: BatchRecord) -> None:
        """Insert a new batch (DuplicateKeyError when its idempotency key was already used)."""
        await self._batches.insert_one(batch.model_dump(by_alias=True, mode="json"))

    async def get(self, tenant_id: str, batch_id: str) -> BatchRecord:
        return await find_batch(self._db, tenant_id, batch_id)

    async def by_idempotency_key(self, tenant_id: str, key: str) -> BatchRecord | None:
        doc = await self._batches.find_one({"tenant_id": tenant_id, "idempotency_key": key})
        return BatchRecord.model_validate(doc) if doc else None

    async def due(self, now: int, limit: int = 100) -> list[BatchRecord]:
        """Scheduled batches, of any tenant, whose release time has come."""
        query = {"release_at_ms": {"$lte": now}, "released_at_ms": None}
        docs = await self._batches.find(query).sort("release_at_ms", 1).limit(limit).to_list()
        return [BatchRecord.model_validate(doc) for doc in docs]

    async def mark_released(self, batch_id: str) -> None:
        await self._batches.update_one({"_id": batch_id}, {"$set": {"released_at_ms": now_ms()}})

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[BatchRecord], str | None]:
        docs, next_cursor = await fetch_page(self._batches, {"tenant_id": tenant_id}, cursor, limit)
        return [BatchRecord.model_validate(doc) for doc in docs], next_cursor


async def find_batch(db: Database, tenant_id: str, batch_id: str) -> BatchRecord:
    """The tenant's batch (404 for another tenant's)."""
    doc = await db[COLLECTION].find_one({"_id": batch_id, "tenant_id": tenant_id})
    if doc is None:
        raise PermanentError("not_found", f"no batch {batch_id}")
    return BatchRecord.model_validate(doc)
