"""The sweeper: no accepted job is lost, even when the broker loses its log or a consumer dies.

A job in a non-final status that nobody touched for `stuck_after_s` is published again (every step
downstream is idempotent by job id); each further wait is twice the one before. After
`max_redeliveries` it is dead-lettered and ends `failed`.
Of several projectors, the one holding the sweeper's lease sweeps.
"""

import logging
from dataclasses import dataclass

from prometheus_client import Counter

from contracts import topics
from contracts.events import (
    DeadLettered,
    FailureCode,
    JobFailed,
    JobFailedEvent,
    follow_up,
)
from services.gateway import SOURCE
from services.gateway.events.projection import Projection
from services.gateway.jobs.records import JobRecord, Jobs
from shared.bus import EventBus
from shared.consumer.decoding import park
from shared.database import now_ms
from shared.errors import RetryableError
from shared.leases import Lease
from shared.telemetry import log_context

log = logging.getLogger(__name__)
REDELIVERED = Counter("studio_gateway_redelivered_total", "Stuck jobs published again.")
DEAD_LETTERED = Counter("studio_gateway_dead_lettered_total", "Stuck jobs given up on.")


@dataclass
class Sweeper:
    jobs: Jobs
    bus: EventBus
    projection: Projection
    interval_s: float
    stuck_after_s: float
    max_redeliveries: int
    lease: Lease

    async def run(self) -> None:
        await self.lease.run_every(self.interval_s, self.tick)

    async def tick(self) -> int | None:
        """A pass if this projector holds the sweeper's lease (None when another does)."""
        return await self.sweep() if await self.lease.hold() else None

    async def sweep(self) -> int:
        """One pass; returns how many jobs it acted on."""
        acted = 0
        after_ms = int(self.stuck_after_s * 1000)
        for job in await self.jobs.stuck(now_ms(), after_ms, self.max_redeliveries):
            claimed = await self.jobs.claim_sweep(job)
            if claimed is None:
                continue
            with log_context(job_id=job.id, tenant_id=job.tenant_id):
                try:
                    await self._act(claimed)
                    acted += 1
                except RetryableError as exc:
                    log.warning("sweeper could not publish; next sweep retries: %s", exc)
        return acted

    async def _act(self, job: JobRecord) -> None:
        if job.redeliveries >= self.max_redeliveries:
            await self._give_up(job)
            return
        log.info("job stuck in %s; publishing it again (%d)", job.status, job.redeliveries + 1)
        await self.bus.publish(topics.request_topic(job.lane), job.requested())
        await self.jobs.count_redelivery(job.id)
        REDELIVERED.inc()

    async def _give_up(self, job: JobRecord) -> None:
        """Tell the others first (billing releases the job's money on `failed`), then end the
        job here; if the bus is down, the next sweep tries again."""
        message = f"no progress after {job.redeliveries} redeliveries"
        request = job.requested()
        parked = DeadLettered(
            topic=topics.request_topic(job.lane),
            partition=-1,
            offset=-1,
            code=FailureCode.DEAD_LETTERED,
            message=message,
            attempts=job.redeliveries,
            record=request.model_dump_json(),
        )
        failed = JobFailed(code=FailureCode.DEAD_LETTERED, message=message, retriable=True)
        event = follow_up(request, JobFailedEvent, failed, source=SOURCE, fact="failed")
        await park(self.bus, parked, source=SOURCE, tenant_id=job.tenant_id, job_id=job.id)
        await self.bus.publish(topics.event_topic(event.lane), event)
        await self.projection.project([event])
        DEAD_LETTERED.inc()
        log.error("job dead-lettered: %s", message)
