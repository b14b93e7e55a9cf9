"""Turns job events into job records and pushes them to connected clients.

Each gateway instance runs its own consumer group (it must see every event for its own clients);
writes are idempotent, so several instances projecting the same event agree. For `completed`, the
push waits until the library has recorded the job's assets: a client told "completed" can fetch
them.
"""

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from contracts.events import JobCompletedEvent, JobEvent
from contracts.jobs import JobStatus
from services.gateway.fanout import Fanout
from services.gateway.history import History
from services.gateway.jobs import JobRecord, Jobs
from services.gateway.library import LibraryClient
from services.gateway.recorded import RecordedAssets
from services.gateway.webhooks import Webhooks
from shared import metrics
from shared.database import now_ms

log = logging.getLogger(__name__)
SEEN_EVENTS = 50_000


@dataclass
class Projector:
    jobs: Jobs
    history: History
    fanout: Fanout
    library: LibraryClient
    recorded: RecordedAssets
    webhooks: Webhooks
    library_wait_s: float
    _seen: OrderedDict[str, None] = field(default_factory=OrderedDict)

    async def project(self, event: JobEvent) -> None:
        """Record the event on its job, store it for replay, then push it (once per instance).
        An event about an unknown job, or arriving after its job ended, is only logged."""
        if event.id in self._seen:
            return
        if isinstance(event, JobCompletedEvent):
            await self._wait_for_library(event)
        applied = await self.jobs.apply(event)
        if applied.job is None or (applied.job.status.is_final and not applied.moved):
            log.info("%s ignored: job unknown or already ended", event.type)
        else:
            self.fanout.publish(await self.history.add(event))
            await self.webhooks.enqueue(event)
            if applied.moved:
                _count(applied.job)
        self._remember(event.id)

    async def _wait_for_library(self, event: JobCompletedEvent) -> None:
        """Until the library announces the job's assets; if that announcement does not come
        (a gateway that started after it was made, say), the library is asked directly."""
        began = time.monotonic()
        if await self.recorded.wait(event.job_id, self.library_wait_s):
            log.debug("library caught up in %.3fs", time.monotonic() - began)
            return
        count = len(event.data.assets)
        if not await self.library.lists_assets(event.tenant_id, event.job_id, count):
            log.warning("library did not list %d assets within %.1fs", count, self.library_wait_s)

    def _remember(self, event_id: str) -> None:
        self._seen[event_id] = None
        if len(self._seen) > SEEN_EVENTS:
            self._seen.popitem(last=False)


def _count(job: JobRecord) -> None:
    if job.status is JobStatus.RUNNING:
        return
    metrics.JOBS.labels(job.kind, job.status.value).inc()
    if job.status.is_final:
        seconds = (now_ms() - job.created_at_ms) / 1000
        metrics.JOB_SECONDS.labels(job.kind, job.status.value).observe(seconds)
