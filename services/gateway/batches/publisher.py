"""Publishing a batch's recorded jobs in the background, after the answer (the sweeper publishes
any that a crash left behind)."""

import asyncio
import logging
from dataclasses import dataclass, field

from contracts.events import JobCancelledEvent
from contracts.topics import event_topic, request_topic
from services.gateway.jobs.records import JobRecord
from shared.bus import EventBus
from shared.errors import RetryableError

PUBLISH_CHUNK = 1000
"""Jobs of a new batch published together."""
log = logging.getLogger(__name__)


@dataclass
class BatchPublisher:
    bus: EventBus
    _publishing: set[asyncio.Task[None]] = field(default_factory=set)

    def publish_later(self, records: list[JobRecord]) -> None:
        task = asyncio.create_task(self._publish(records))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def announce(self, events: list[JobCancelledEvent]) -> None:
        """Tell everyone of jobs the gateway ended itself (the projector records and shows
        them, billing has nothing to give back)."""
        await self.bus.publish_all([(event_topic(event.lane), event) for event in events])

    async def close(self) -> None:
        """Let the batches being published finish (records are durable either way)."""
        if self._publishing:
            await asyncio.wait(self._publishing, timeout=10)

    async def _publish(self, records: list[JobRecord]) -> None:
        """Publish the recorded jobs, a chunk at a time (the producer batches each chunk)."""
        for start in range(0, len(records), PUBLISH_CHUNK):
            chunk = records[start : start + PUBLISH_CHUNK]
            try:
                await self.bus.publish_all(
                    [(request_topic(job.lane), job.requested()) for job in chunk]
                )
            except RetryableError as exc:
                log.warning("batch jobs recorded, not published; the sweeper will: %s", exc)
