"""Batches: a campaign's jobs validated and priced as a whole, recorded together, run in the
`bulk` lane (or the interactive one for plans with priority processing), and followed as one.

Nothing is created unless every row is valid and the account may run them all (a pre-flight
check, at list price less the plan's volume discount). The jobs are recorded before the answer;
they are published right after it, in the background (the sweeper publishes any that a crash
left behind). A scheduled batch's jobs are recorded `scheduled` and published by the release
loop at their time (`releaser.py`); billing holds their money then, and a job the balance no
longer covers ends `rejected` (`insufficient_credits`), to be retried with `retry-failed`.
With a watermark, each image its jobs make gets an `edit.watermark` follow-up in the batch,
priced up front with the rows (`watermarks.py`, `follow_ups.py`).
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import Any

from contracts.http.batches import BatchCheck, BatchPublic, BatchWatermark
from contracts.jobs import JobStatus
from services.gateway.batches.checks import BatchChecks, lane_of
from services.gateway.batches.held import HeldJobs, cancelled_event
from services.gateway.batches.publisher import BatchPublisher
from services.gateway.batches.records import Batches, BatchRecord
from services.gateway.batches.rows import Row
from services.gateway.batches.timing import OffPeakWindows, Timing
from services.gateway.batches.watermarks import WatermarkPlan, watermark_plan
from services.gateway.clients.library import LibraryClient
from services.gateway.jobs.cancellations import NOT_STARTED, Cancellations
from services.gateway.jobs.idempotency import fingerprint, once
from services.gateway.jobs.preflight import Priced
from services.gateway.jobs.records import BatchTally, Jobs
from shared import metrics
from shared.database import now_ms
from shared.ids import new_id


@dataclass(frozen=True)
class Naming:
    """A new batch's name, collection, Idempotency-Key, request fingerprint and watermark."""

    name: str | None
    collection_id: str | None
    idempotency_key: str | None
    request_hash: str
    watermark: BatchWatermark | None = None


NOW = Timing()


@dataclass(frozen=True)
class BatchService:
    batches: Batches
    jobs: Jobs
    checks: BatchChecks
    publisher: BatchPublisher
    cancellations: Cancellations
    library: LibraryClient
    windows: OffPeakWindows
    held: HeldJobs

    async def check(
        self, tenant_id: str, rows: list[Row], watermark: BatchWatermark | None = None
    ) -> BatchCheck:
        """A dry run: every row's problems and the price of the valid ones (and of their
        watermarks); nothing created."""
        plan = await self.checks.plan(tenant_id)
        _, stamp = await self._watermark(tenant_id, watermark)
        checked = await self.checks.checked(tenant_id, rows, plan, None, stamp)
        return BatchCheck(
            jobs=len(rows),
            valid=not checked.errors,
            errors=checked.errors,
            estimate=checked.estimate,
        )

    async def submit(
        self,
        tenant_id: str,
        rows: list[Row],
        name: str | None,
        idempotency_key: str | None,
        collection_id: str | None = None,
        timing: Timing = NOW,
        watermark: BatchWatermark | None = None,
    ) -> tuple[BatchPublic, bool]:
        """Create the batch and its jobs (all or nothing), its outputs going into
        `collection_id` if given, run now or held until the `timing`, its images watermarked
        if asked; the batch, and whether it is the earlier answer to the same Idempotency-Key."""
        jobs: list[Any] = [row.job.model_dump(mode="json") if row.job else None for row in rows]
        asked: dict[str, Any] = {"jobs": jobs, "name": name, "collection_id": collection_id}
        if timing != NOW:
            asked["timing"] = [str(timing.schedule_at), timing.off_peak]
        if watermark is not None:
            asked["watermark"] = watermark.model_dump(mode="json")
        request_hash = fingerprint(asked)
        release_at = await self.windows.release_at(tenant_id, timing)
        create = partial(
            self._create,
            tenant_id,
            rows,
            Naming(name, collection_id, idempotency_key, request_hash, watermark),
            release_at,
        )
        earlier = partial(self.batches.by_idempotency_key, tenant_id)
        batch, replayed = await once(idempotency_key, request_hash, earlier, create)
        if replayed:
            return await self._public(batch), True
        status = JobStatus.SCHEDULED if batch.release_at_ms else JobStatus.ACCEPTED
        tally = BatchTally({status.value: batch.jobs}, 0, Decimal(0), batch.created_at_ms, None)
        return batch.public(tally), False

    async def cancel(self, tenant_id: str, batch_id: str) -> int:
        """Cancel the batch's jobs that have not started (scheduled ones at once); how many."""
        await self.get(tenant_id, batch_id)
        reason = f"batch {batch_id} cancelled"
        held = await self.held.cancel(batch_id)
        await self.publisher.announce([cancelled_event(job, reason) for job in held])
        waiting = await self.jobs.of_batch(tenant_id, batch_id, list(NOT_STARTED))
        return len(held) + await self.cancellations.cancel(waiting, reason)

    async def retry_failed(self, tenant_id: str, batch_id: str) -> int:
        """Submit the batch's failed and rejected jobs again, as new jobs in their place (the
        batch's counts then follow the new ones); how many. 402 when the account cannot run
        them all."""
        batch = await self.get(tenant_id, batch_id)
        ended = [JobStatus.FAILED, JobStatus.REJECTED]
        failed = await self.jobs.of_batch(tenant_id, batch_id, ended)
        if not failed:
            return 0
        records = await self.checks.retries(batch, failed)
        await self.jobs.insert_many(records)
        for job, record in zip(failed, records, strict=True):
            await self.jobs.mark_retried(job.id, record.id)
        self.publisher.publish_later(records)
        return len(records)

    async def get(self, tenant_id: str, batch_id: str) -> BatchRecord:
        return await self.batches.get(tenant_id, batch_id)

    async def view(self, tenant_id: str, batch_id: str) -> BatchPublic:
        return await self._public(await self.get(tenant_id, batch_id))

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[BatchPublic], str | None]:
        batches, next_cursor = await self.batches.page(tenant_id, cursor, limit)
        return [await self._public(batch) for batch in batches], next_cursor

    async def _create(
        self, tenant_id: str, rows: list[Row], naming: "Naming", release_at: datetime | None
    ) -> BatchRecord:
        """Record the batch, then its jobs, and publish them after the answer unless they are
        held until `release_at` (DuplicateKeyError when the Idempotency-Key was taken
        meanwhile); the library learns first where its outputs go."""
        plan = await self.checks.plan(tenant_id)
        batch_id = new_id("bat")
        watermark, stamp = await self._watermark(tenant_id, naming.watermark)
        checked = await self.checks.checked(tenant_id, rows, plan, batch_id, stamp)
        estimate = checked.refuse_invalid()
        if naming.collection_id is not None:
            await self.library.file_batch(
                tenant_id, batch_id, naming.collection_id, watermarked=watermark is not None
            )
        batch = BatchRecord(
            _id=batch_id,
            tenant_id=tenant_id,
            name=naming.name,
            lane=lane_of(plan),
            jobs=len(rows),
            estimate_credits=estimate.credits,
            estimate_price_usd=estimate.price_usd,
            collection_id=naming.collection_id,
            watermark=watermark,
            idempotency_key=naming.idempotency_key,
            request_hash=naming.request_hash,
            release_at_ms=int(release_at.timestamp() * 1000) if release_at else None,
            created_at_ms=now_ms(),
        )
        if release_at is not None:
            for record in checked.records:
                record.status, record.status_rank = JobStatus.SCHEDULED, JobStatus.SCHEDULED.rank
        await self.batches.insert(batch)
        await self.jobs.insert_many(checked.records)
        metrics.JOBS.labels("batch", "accepted").inc(len(checked.records))
        if release_at is None:
            self.publisher.publish_later(checked.records)
        return batch

    async def _watermark(
        self, tenant_id: str, asked: BatchWatermark | None
    ) -> tuple[WatermarkPlan | None, Priced | None]:
        """The plan of the watermark asked for and the price of one (neither without)."""
        if asked is None:
            return None, None
        return await watermark_plan(self.checks.submitter, tenant_id, asked)

    async def _public(self, batch: BatchRecord) -> BatchPublic:
        return batch.public(await self.jobs.batch_tally(batch.tenant_id, batch.id))
