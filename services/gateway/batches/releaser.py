"""The release loop: a scheduled batch's jobs are held in the store until their time, then moved
to `accepted` and published (billing holds their money then). It runs in the projector; of
several projectors, the one holding the lease releases. A release is idempotent: a job moves
from `scheduled` once, and one moved but not published (a crash, a broker outage) is published
again by the sweeper like any accepted job."""

import logging
from dataclasses import dataclass

from prometheus_client import Counter

from contracts.topics import request_topic
from services.gateway.batches.held import HeldJobs
from services.gateway.batches.records import Batches
from shared.bus import EventBus
from shared.database import now_ms
from shared.errors import RetryableError
from shared.leases import Lease
from shared.telemetry import log_context

log = logging.getLogger(__name__)
RELEASED = Counter("studio_gateway_released_total", "Scheduled jobs released to run.")


@dataclass
class Releaser:
    batches: Batches
    held: HeldJobs
    bus: EventBus
    interval_s: float
    lease: Lease

    async def run(self) -> None:
        await self.lease.run_every(self.interval_s, self.tick)

    async def tick(self) -> int | None:
        """A pass if this projector holds the lease (None when another does)."""
        return await self.release_due() if await self.lease.hold() else None

    async def release_due(self) -> int:
        """Release every batch whose time has come; how many jobs were released."""
        released = 0
        for batch in await self.batches.due(now_ms()):
            with log_context(batch_id=batch.id, tenant_id=batch.tenant_id):
                jobs = await self.held.release(batch.id)
                try:
                    await self.bus.publish_all(
                        [(request_topic(j.lane), j.requested()) for j in jobs]
                    )
                except RetryableError as exc:
                    log.warning("released jobs not published; the sweeper will: %s", exc)
                await self.batches.mark_released(batch.id)
                log.info("scheduled batch released: %d jobs", len(jobs))
            released += len(jobs)
        RELEASED.inc(released)
        return released
