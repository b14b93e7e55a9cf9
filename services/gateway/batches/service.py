"""Batches: a campaign's jobs validated and priced as a whole, recorded together, run in the
`bulk` lane (or the interactive one for plans with priority processing), and followed as one.

Nothing is created unless every row is valid and the account may run them all. The jobs are
recorded before the answer; they are published right after it, in the background (the sweeper
publishes any that a crash left behind).
"""

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from pymongo.errors import DuplicateKeyError

from contracts.billing.estimates import Estimate
from contracts.billing.plans import Feature
from contracts.billing.rules import period_of
from contracts.events import Cost
from contracts.http.batches import BatchCheck, BatchCounts, BatchLinks, BatchPublic, RowError
from contracts.http.billing import EstimatesPublic
from contracts.http.errors import FieldError
from contracts.http.jobs import JobCreate
from contracts.jobs import FINAL_STATUSES, JobStatus
from contracts.topics import Lane, request_topic
from services.gateway.batches.rows import Row
from services.gateway.clients.billing import BillingClient
from services.gateway.jobs.cancellations import NOT_STARTED, Cancellations
from services.gateway.jobs.preflight import Gatekeeper, priced
from services.gateway.jobs.records import BatchTally, JobRecord, Jobs
from services.gateway.jobs.submit import Submitter
from shared import metrics
from shared.database import Database, Index, from_ms, now_ms
from shared.errors import PermanentError, RetryableError, StudioError
from shared.ids import new_id
from shared.pages import fetch_page

COLLECTION = "batches"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("created_at_ms", -1)]),
        Index(
            [("tenant_id", 1), ("idempotency_key", 1)],
            unique=True,
            partial={"idempotency_key": {"$type": "string"}},
        ),
    ]
}
PUBLISH_CHUNK = 1000
"""Jobs of a new batch published together."""
log = logging.getLogger(__name__)


class BatchRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    name: str | None = None
    lane: Lane
    jobs: int
    estimate_credits: int
    estimate_price_usd: Decimal
    idempotency_key: str | None = None
    request_hash: str
    created_at_ms: int

    def public(self, tally: BatchTally) -> BatchPublic:
        counts = BatchCounts(**tally.counts)
        ended = sum(n for status, n in tally.counts.items() if status in FINAL_STATUSES)
        return BatchPublic(
            id=self.id,
            name=self.name,
            status="completed" if ended >= self.jobs else "running",
            lane=self.lane,
            jobs=self.jobs,
            counts=counts,
            estimate_credits=self.estimate_credits,
            estimate_price_usd=self.estimate_price_usd,
            cost=Cost(credits=tally.credits, usd=tally.usd),
            eta_s=_eta(self.jobs, ended, tally),
            created_at=from_ms(self.created_at_ms),
            updated_at=from_ms(tally.last_ms or self.created_at_ms),
            links=BatchLinks(
                self=f"/v1/batches/{self.id}",
                jobs=f"/v1/batches/{self.id}/jobs",
                events=f"/v1/events?batch_id={self.id}",
                archive=f"/v1/batches/{self.id}/archive",
            ),
        )


def _eta(jobs: int, ended: int, tally: BatchTally) -> float | None:
    """At the pace so far (jobs ended per second since the batch began): None before any job
    ended, 0 once all have."""
    if ended >= jobs:
        return 0.0
    if ended == 0 or tally.first_ms is None or tally.last_ms is None:
        return None
    pace = ended / max(0.001, (tally.last_ms - tally.first_ms) / 1000)
    return round((jobs - ended) / pace, 1)


@dataclass(frozen=True)
class Checked:
    """The valid rows' job records, every row's errors, and the valid rows' price."""

    records: list[JobRecord]
    errors: list[RowError]
    estimate: EstimatesPublic | None


@dataclass
class BatchService:
    db: Database
    jobs: Jobs
    submitter: Submitter
    gatekeeper: Gatekeeper
    billing: BillingClient
    cancellations: Cancellations
    _publishing: set[asyncio.Task[None]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._batches = self.db[COLLECTION]

    async def check(self, tenant_id: str, rows: list[Row]) -> BatchCheck:
        """A dry run: every row's problems and the price of the valid ones; nothing created."""
        lane = await self._lane(tenant_id)
        checked = await self._checked(tenant_id, rows, lane, None)
        return BatchCheck(
            jobs=len(rows),
            valid=not checked.errors,
            errors=checked.errors,
            estimate=checked.estimate,
        )

    async def submit(
        self, tenant_id: str, rows: list[Row], name: str | None, idempotency_key: str | None
    ) -> tuple[BatchPublic, bool]:
        """Create the batch and its jobs (all or nothing); the batch, and whether it is the
        earlier answer to the same Idempotency-Key."""
        request_hash = _fingerprint(rows, name)
        if idempotency_key is not None:
            earlier = await self._by_idempotency_key(tenant_id, idempotency_key)
            if earlier is not None:
                return await self._replayed(earlier, request_hash), True
        lane = await self._lane(tenant_id)
        batch_id = new_id("bat")
        checked = await self._checked(tenant_id, rows, lane, batch_id)
        if checked.errors:
            details = [
                FieldError(loc=f"rows.{e.row}.{e.field}", message=e.message, type="invalid_row")
                for e in checked.errors
            ]
            raise PermanentError(
                "invalid_batch", f"{len(checked.errors)} problem(s) in the batch", details
            )
        estimate = checked.estimate
        assert estimate is not None
        _refuse_unaffordable(estimate)
        batch = BatchRecord(
            _id=batch_id,
            tenant_id=tenant_id,
            name=name,
            lane=lane,
            jobs=len(rows),
            estimate_credits=estimate.credits,
            estimate_price_usd=estimate.price_usd,
            idempotency_key=idempotency_key,
            request_hash=request_hash,
            created_at_ms=now_ms(),
        )
        records = checked.records
        try:
            await self._batches.insert_one(batch.model_dump(by_alias=True, mode="json"))
        except DuplicateKeyError:
            earlier = await self._by_idempotency_key(tenant_id, idempotency_key or "")
            if earlier is None:
                raise
            return await self._replayed(earlier, request_hash), True
        await self.jobs.insert_many(records)
        metrics.JOBS.labels("batch", "accepted").inc(len(records))
        self._publish_later(records)
        return batch.public(BatchTally.accepted(len(records), batch.created_at_ms)), False

    async def cancel(self, tenant_id: str, batch_id: str) -> int:
        """Cancel the batch's jobs that have not started; how many."""
        await self.get(tenant_id, batch_id)
        waiting = await self.jobs.of_batch(tenant_id, batch_id, list(NOT_STARTED))
        return await self.cancellations.cancel(waiting, f"batch {batch_id} cancelled")

    async def retry_failed(self, tenant_id: str, batch_id: str) -> int:
        """Submit the batch's failed and rejected jobs again, as new jobs in their place (the
        batch's counts then follow the new ones); how many. 402 when the account cannot run
        them all."""
        batch = await self.get(tenant_id, batch_id)
        ended = [JobStatus.FAILED, JobStatus.REJECTED]
        failed = await self.jobs.of_batch(tenant_id, batch_id, ended)
        if not failed:
            return 0
        specs = [JobCreate(kind=job.kind, params=job.params) for job in failed]
        _refuse_unaffordable(await self.gatekeeper.estimates(tenant_id, specs, listed=True))
        records = []
        for job, spec in zip(failed, specs, strict=True):
            record = await self.submitter.new_record(
                tenant_id, job.kind, priced(spec), batch.lane, batch.id
            )
            record.retry_of = job.id
            records.append(record)
        await self.jobs.insert_many(records)
        for job, record in zip(failed, records, strict=True):
            await self.jobs.mark_retried(job.id, record.id)
        self._publish_later(records)
        return len(records)

    async def get(self, tenant_id: str, batch_id: str) -> BatchRecord:
        return await find_batch(self.db, tenant_id, batch_id)

    async def view(self, tenant_id: str, batch_id: str) -> BatchPublic:
        batch = await self.get(tenant_id, batch_id)
        return batch.public(await self.jobs.batch_tally(tenant_id, batch_id))

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[BatchPublic], str | None]:
        docs, next_cursor = await fetch_page(self._batches, {"tenant_id": tenant_id}, cursor, limit)
        batches = [BatchRecord.model_validate(doc) for doc in docs]
        views = [b.public(await self.jobs.batch_tally(tenant_id, b.id)) for b in batches]
        return views, next_cursor

    async def close(self) -> None:
        """Let the batches being published finish (records are durable either way)."""
        if self._publishing:
            await asyncio.wait(self._publishing, timeout=10)

    async def _checked(
        self, tenant_id: str, rows: list[Row], lane: Lane, batch_id: str | None
    ) -> Checked:
        errors = [error for row in rows for error in row.errors]
        costs: list[Estimate] = []
        records: list[JobRecord] = []
        for row in rows:
            if row.job is None:
                continue
            try:
                spec = priced(row.job)
                record = await self.submitter.new_record(
                    tenant_id, row.job.kind, spec, lane, batch_id
                )
            except PermanentError as exc:
                errors += _row_errors(row.number, exc)
                continue
            costs.append(spec.cost)
            records.append(record)
        estimate = await self.gatekeeper.estimates_of(tenant_id, costs) if costs else None
        return Checked(records, sorted(errors, key=lambda e: e.row), estimate)

    async def _lane(self, tenant_id: str) -> Lane:
        """`bulk`, or `interactive` for plans with priority processing; 402 without batches."""
        view = await self.billing.view(tenant_id)
        if view is None:
            raise RetryableError("billing_unavailable", "billing does not answer; try again")
        plan = view.in_period(period_of()).plan_spec
        if Feature.BATCH not in plan.features:
            raise PermanentError(
                "feature_not_in_plan", f"the {plan.name} plan has no batches (Pro and above)"
            )
        return "interactive" if plan.priority_lane else "bulk"

    def _publish_later(self, records: list[JobRecord]) -> None:
        task = asyncio.create_task(self._publish(records))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def _publish(self, records: list[JobRecord]) -> None:
        """Publish the recorded jobs, a chunk at a time (the producer batches each chunk)."""
        for start in range(0, len(records), PUBLISH_CHUNK):
            chunk = records[start : start + PUBLISH_CHUNK]
            try:
                await self.submitter.bus.publish_all(
                    [(request_topic(job.lane), job.requested()) for job in chunk]
                )
            except RetryableError as exc:
                log.warning("batch jobs recorded, not published; the sweeper will: %s", exc)

    async def _replayed(self, earlier: BatchRecord, request_hash: str) -> BatchPublic:
        batch = _replay(earlier, request_hash)
        return batch.public(await self.jobs.batch_tally(batch.tenant_id, batch.id))

    async def _by_idempotency_key(self, tenant_id: str, key: str) -> BatchRecord | None:
        doc = await self._batches.find_one({"tenant_id": tenant_id, "idempotency_key": key})
        return BatchRecord.model_validate(doc) if doc else None


async def find_batch(db: Database, tenant_id: str, batch_id: str) -> BatchRecord:
    """The tenant's batch (404 for another tenant's)."""
    doc = await db[COLLECTION].find_one({"_id": batch_id, "tenant_id": tenant_id})
    if doc is None:
        raise PermanentError("not_found", f"no batch {batch_id}")
    return BatchRecord.model_validate(doc)


def _row_errors(number: int, error: StudioError) -> list[RowError]:
    if not error.details:
        return [RowError(row=number, field="row", message=error.message)]
    return [RowError(row=number, field=d.loc, message=d.message) for d in error.details]


def _refuse_unaffordable(estimate: EstimatesPublic) -> None:
    """402 for the whole batch when the account cannot run every job of it."""
    for index, item in enumerate(estimate.items, 1):
        if item.refusal is not None:
            raise PermanentError(
                item.refusal.code.value,
                f"row {index} and later cannot run: {item.refusal.message} "
                f"(the batch needs {estimate.credits} credits)",
            )


def _fingerprint(rows: list[Row], name: str | None) -> str:
    jobs: list[Any] = [row.job.model_dump(mode="json") if row.job else None for row in rows]
    canonical = json.dumps({"jobs": jobs, "name": name}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(earlier: BatchRecord, request_hash: str) -> BatchRecord:
    if earlier.request_hash != request_hash:
        raise PermanentError(
            "idempotency_key_reused", "this Idempotency-Key was used with a different request body"
        )
    return earlier
