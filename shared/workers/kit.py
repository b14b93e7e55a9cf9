"""What a job worker's use cases run on: its clients, its runs, its reporter and CPU pool, with
the steps every worker takes (run a job once, read its inputs, store a result as an asset)."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import httpx

from contracts.events import ProducedAsset, RunJobEvent
from contracts.media import StoredMedia
from shared.bus import EventBus
from shared.clients import Clients
from shared.consumer.consumer import consuming_runtime
from shared.consumer.subscriptions import Subscription, control_subscription, work_subscription
from shared.cpu import CpuPool
from shared.ids import derived_id
from shared.objects import ObjectStore, object_key
from shared.service import Runtime
from shared.workers.reporting import JobReporter
from shared.workers.runs import Runs
from shared.workers.settings import JobWorkerSettings

Work = Callable[[RunJobEvent], Awaitable[None]]
"""A worker's job body: what `run` does once a job is held."""


@dataclass(frozen=True)
class WorkerKit:
    """One worker service's clients and helpers (see `shared.workers.bootstrap.open_worker`)."""

    service: str
    settings: JobWorkerSettings
    clients: Clients
    runs: Runs
    reporter: JobReporter
    cpu: CpuPool
    pooled_http: httpx.AsyncClient | None = None

    @property
    def bus(self) -> EventBus:
        return self.clients.bus

    @property
    def store(self) -> ObjectStore:
        return self.clients.object_store

    @property
    def http(self) -> httpx.AsyncClient:
        """The pooled client of provider calls (opened with `http=True`)."""
        if self.pooled_http is None:
            raise RuntimeError(f"{self.service} was opened without an HTTP client")
        return self.pooled_http

    async def run_once(self, work: Work, job: RunJobEvent) -> None:
        """Run a job once (see `Runs.run_once`)."""
        await self.runs.run_once(job, self.bus, lambda: work(job))

    def subscriptions(self, work: Work) -> list[Subscription[Any]]:
        """Both lanes of the worker's work topic, each job run once by `work` (a failure ends it
        `failed`); cancellations of jobs not taken yet."""
        cancel = partial(self.runs.cancel_unclaimed, bus=self.bus)
        return [
            work_subscription(self.service, partial(self.run_once, work), self.reporter.fail),
            control_subscription(self.service, cancel),
        ]

    def runtime(self, subscriptions: Sequence[Subscription[Any]]) -> Runtime:
        """The worker's consumers, with the clients' readiness probes."""
        worker, kafka = self.settings.worker, self.settings.kafka
        return consuming_runtime(self.clients, subscriptions, kafka=kafka, worker=worker)

    async def read(self, job: RunJobEvent, name: str) -> bytes:
        """The bytes of the job's input `name`."""
        return await self.store.get(job.data.inputs[name].object_key)

    async def read_inputs(self, job: RunJobEvent) -> dict[str, bytes]:
        """The bytes of every input of the job, by name (read together)."""
        names = list(job.data.inputs)
        blobs = await asyncio.gather(*(self.read(job, name) for name in names))
        return dict(zip(names, blobs, strict=True))

    async def store_asset(
        self,
        job: RunJobEvent,
        part: tuple[object, ...],
        data: bytes,
        media: StoredMedia,
        **links: Any,
    ) -> ProducedAsset:
        """Store a result under its deterministic key (its id derives from the job and `part`),
        described by `media` and linked by `links` (seed, variation, source...)."""
        asset_id = derived_id("ast", job.job_id, *part)
        submitted = job.data.submitted_at
        key = object_key(job.tenant_id, submitted.year, submitted.month, asset_id, media.format)
        metadata = {"job-id": job.job_id, "sha256": media.sha256}
        await self.store.put(key, data, media.content_type, metadata)
        return ProducedAsset(**media.model_dump(), id=asset_id, object_key=key, **links)
