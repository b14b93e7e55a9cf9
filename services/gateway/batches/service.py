"""Batches: a campaign's jobs validated and priced as a whole, recorded together, run in the
`bulk` lane (or the interactive one for plans with priority processing), and followed as one.

Nothing is created unless every row is valid and the account may run them all. The jobs are
recorded before the answer; they are published right after it, in the background (the sweeper
publishes any that a crash left behind).
"""

from dataclasses import dataclass
from functools import partial
from typing import Any

from contracts.http.batches import BatchCheck, BatchPublic
from contracts.jobs import JobStatus
from services.gateway.batches.checks import BatchChecks
from services.gateway.batches.publisher import BatchPublisher
from services.gateway.batches.records import Batches, BatchRecord
from services.gateway.batches.rows import Row
from services.gateway.clients.library import LibraryClient
from services.gateway.jobs.cancellations import NOT_STARTED, Cancellations
from services.gateway.jobs.idempotency import fingerprint, once
from services.gateway.jobs.records import BatchTally, Jobs
from shared import metrics
from shared.database import now_ms
from shared.ids import new_id


@dataclass(frozen=True)
class BatchService:
    batches: Batches
    jobs: Jobs
    checks: BatchChecks
    publisher: BatchPublisher
    cancellations: Cancellations
    library: LibraryClient

    async def check(self, tenant_id: str, rows: list[Row]) -> BatchCheck:
        """A dry run: every row's problems and the price of the valid ones; nothing created."""
        lane = await self.checks.lane(tenant_id)
        checked = await self.checks.checked(tenant_id, rows, lane, None)
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
    ) -> tuple[BatchPublic, bool]:
        """Create the batch and its jobs (all or nothing), its outputs going into
        `collection_id` if given; the batch, and whether it is the earlier answer to the same
        Idempotency-Key."""
        jobs: list[Any] = [row.job.model_dump(mode="json") if row.job else None for row in rows]
        request_hash = fingerprint({"jobs": jobs, "name": name, "collection_id": collection_id})
        create = partial(
            self._create, tenant_id, rows, name, idempotency_key, request_hash, collection_id
        )
        earlier = partial(self.batches.by_idempotency_key, tenant_id)
        batch, replayed = await once(idempotency_key, request_hash, earlier, create)
        if replayed:
            return await self._public(batch), True
        return batch.public(BatchTally.accepted(batch.jobs, batch.created_at_ms)), False

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
        self,
        tenant_id: str,
        rows: list[Row],
        name: str | None,
        idempotency_key: str | None,
        request_hash: str,
        collection_id: str | None,
    ) -> BatchRecord:
        """Record the batch, then its jobs, and publish them after the answer (DuplicateKeyError
        when the Idempotency-Key was taken meanwhile); the library learns first where its
        outputs go."""
        lane = await self.checks.lane(tenant_id)
        batch_id = new_id("bat")
        checked = await self.checks.checked(tenant_id, rows, lane, batch_id)
        estimate = checked.refuse_invalid()
        if collection_id is not None:
            await self.library.file_batch(tenant_id, batch_id, collection_id)
        batch = BatchRecord(
            _id=batch_id,
            tenant_id=tenant_id,
            name=name,
            lane=lane,
            jobs=len(rows),
            estimate_credits=estimate.credits,
            estimate_price_usd=estimate.price_usd,
            collection_id=collection_id,
            idempotency_key=idempotency_key,
            request_hash=request_hash,
            created_at_ms=now_ms(),
        )
        await self.batches.insert(batch)
        await self.jobs.insert_many(checked.records)
        metrics.JOBS.labels("batch", "accepted").inc(len(checked.records))
        self.publisher.publish_later(checked.records)
        return batch

    async def _public(self, batch: BatchRecord) -> BatchPublic:
        return batch.public(await self.jobs.batch_tally(batch.tenant_id, batch.id))
