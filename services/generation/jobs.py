"""Running one `generate` job: pick the provider, render each variation, store it, report.

Every step is idempotent by job id: asset ids and object keys derive from the job id and the
variation, and a job that already ended announces its recorded ending instead of running again.
"""

import hashlib
import logging
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from contracts import topics
from contracts.billing.estimates import UnpricedError, charge
from contracts.envelope import CloudEvent
from contracts.events import (
    STATUS_OF,
    Cost,
    FailureCode,
    JobCompleted,
    JobCompletedEvent,
    JobFailed,
    JobFailedEvent,
    JobProgress,
    JobProgressEvent,
    JobStarted,
    JobStartedEvent,
    ProducedAsset,
    RunJobEvent,
    follow_up,
)
from contracts.params.generate import MAX_SEED, GenerateParams
from services.generation import SERVICE
from services.generation.metrics import JOB_SECONDS, JOBS, RENDER_SECONDS
from services.generation.providers.base import TextToImage, TextToImageRequest
from services.generation.providers.registry import ProviderRegistry
from services.generation.runs import Claim, FinalEvent, Runs
from shared.bus import EventBus
from shared.cpu import CpuPool
from shared.errors import PermanentError, StudioError
from shared.ids import derived_id
from shared.images import ImageLimits, describe
from shared.objects import ObjectStore, object_key

SOURCE = f"/services/{SERVICE}"
log = logging.getLogger(__name__)


@dataclass
class GenerationJobs:
    """The generation service's use cases, wired with its adapters."""

    bus: EventBus
    store: ObjectStore
    runs: Runs
    providers: ProviderRegistry
    cpu: CpuPool
    output_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Run a job once. A copy of a job another worker holds waits for that worker's lease
        (it may have crashed) and is dropped if the holder is alive; a copy of an ended job
        announces its ending again (the announcement may be what was lost)."""
        claim = await self.runs.claim_or_wait(job.job_id, job.tenant_id)
        if claim.ended_with is not None:
            await self.bus.publish(topics.JOB_EVENTS, claim.ended_with)
        elif claim.claim is Claim.BUSY:
            log.info("another live worker holds this job; this copy is dropped")
        else:
            async with self.runs.holding(job.job_id):
                await self._generate(job)

    async def fail(self, job: RunJobEvent, error: StudioError) -> None:
        """End the job `failed` with the error's code."""
        failed = JobFailed(code=error.code, message=error.public_message, retriable=error.retriable)
        await self._end(job, follow_up(job, JobFailedEvent, failed, source=SOURCE, fact="failed"))

    async def _generate(self, job: RunJobEvent) -> None:
        started = time.monotonic()
        params = _params(job)
        provider = self.providers.choose(params)
        await self._emit(job, JobStartedEvent, JobStarted(kind=job.data.kind, service=SERVICE))
        made = [await self._variation(job, params, provider, i) for i in range(params.variations)]
        assets, model = [asset for asset, _ in made], made[-1][1]
        credits, usd = _cost(job, provider.name, model, len(assets))
        completed = JobCompleted(
            kind=job.data.kind,
            provider=provider.name,
            model=model,
            prompt=params.prompt,
            negative_prompt=params.negative_prompt,
            assets=assets,
            cost=Cost(credits=credits, usd=usd),
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        await self._end(
            job, follow_up(job, JobCompletedEvent, completed, source=SOURCE, fact="completed")
        )
        JOB_SECONDS.labels(job.data.kind).observe(time.monotonic() - started)
        log.info("completed: %d images by %s", len(assets), provider.name)

    async def _end(self, job: RunJobEvent, ending: FinalEvent) -> None:
        announced = await self.runs.finish(ending)
        await self.bus.publish(topics.JOB_EVENTS, announced)
        if announced is ending:
            JOBS.labels(job.data.kind, STATUS_OF[ending.type].value).inc()

    async def _variation(
        self, job: RunJobEvent, params: GenerateParams, provider: TextToImage, index: int
    ) -> tuple[ProducedAsset, str]:
        """One image made and stored; and the model that made it."""
        width, height = params.output_size()
        seed = (_base_seed(job, params) + index) % (MAX_SEED + 1)
        request = TextToImageRequest(
            params.prompt, params.negative_prompt, width, height, seed, params.output_format
        )
        began = time.monotonic()
        image = await provider.generate(request)
        RENDER_SECONDS.labels(provider.name).observe(time.monotonic() - began)
        asset = await self._store(job, image.data, index, image.seed)
        if index + 1 < params.variations:  # the last one is announced by `completed`
            percent = round(100 * (index + 1) / params.variations)
            message = f"variation {index + 1} of {params.variations} done"
            progress = JobProgress(percent=percent, message=message)
            await self._emit(job, JobProgressEvent, progress, fact=f"progress:{percent}")
        return asset, image.model

    async def _store(self, job: RunJobEvent, data: bytes, index: int, seed: int) -> ProducedAsset:
        """Check what the provider returned, and store it under its deterministic key."""
        image = await self.cpu.run(describe, data, self.output_limits)
        asset_id = derived_id("ast", job.job_id, index)
        submitted = job.data.submitted_at
        key = object_key(job.tenant_id, submitted.year, submitted.month, asset_id, image.format)
        await self.store.put(
            key, data, image.content_type, {"job-id": job.job_id, "sha256": image.sha256}
        )
        return ProducedAsset(
            **image.model_dump(), id=asset_id, object_key=key, seed=seed, variation=index
        )

    async def _emit(
        self,
        job: RunJobEvent,
        event_type: type[CloudEvent[Any]],
        data: BaseModel,
        fact: str | None = None,
    ) -> None:
        fact = fact or str(event_type.model_fields["type"].default).rsplit(".", 1)[-1]
        event = follow_up(job, event_type, data, source=SOURCE, fact=fact)
        await self.bus.publish(topics.JOB_EVENTS, event)


def _cost(job: RunJobEvent, provider: str, model: str, images: int) -> tuple[int, Decimal]:
    """What the images cost by the catalog; what was reserved if the catalog has no price (the
    images exist: the job is not failed for a missing price)."""
    try:
        return charge(job.data.kind, provider, model, images)
    except UnpricedError:
        log.error("no price for %s/%s: charging the reservation", provider, model)
        return job.data.credits_reserved, Decimal(0)


def _params(job: RunJobEvent) -> GenerateParams:
    try:
        return GenerateParams.model_validate(job.data.params)
    except ValidationError as exc:
        raise PermanentError(FailureCode.INVALID_PARAMS, str(exc)) from exc


def _base_seed(job: RunJobEvent, params: GenerateParams) -> int:
    """The asked seed, else one drawn from the job id: random per job, stable across retries."""
    if params.seed is not None:
        return params.seed
    digest = hashlib.sha256(job.job_id.encode()).digest()
    return int.from_bytes(digest[:4], "big") % (MAX_SEED + 1)
