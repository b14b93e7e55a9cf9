"""Running one `generate` job: pick the provider, render each variation, store it, report.

Every step is idempotent by job id: asset ids and object keys derive from the job id and the
variation, and a job already completed re-emits its recorded `completed` event instead of rerunning.
"""

import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from contracts import topics
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
from services.generation.metrics import RENDER_SECONDS
from services.generation.providers.base import TextToImage, TextToImageRequest
from services.generation.providers.registry import ProviderRegistry
from services.generation.runs import Claim, FinalEvent, Runs
from shared import metrics
from shared.bus import EventBus
from shared.errors import PermanentError, StudioError
from shared.ids import derived_id
from shared.images import ImageLimits, inspect_image
from shared.objects import ObjectStore, object_key

SOURCE = "/services/generation"
log = logging.getLogger(__name__)


@dataclass
class GenerationJobs:
    """The generation service's use cases, wired with its adapters."""

    bus: EventBus
    store: ObjectStore
    runs: Runs
    providers: ProviderRegistry
    output_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Run a job once. A copy of a job another worker holds waits for that worker's lease
        (it may have crashed) and is dropped if the holder is alive; a copy of an ended job
        announces its ending again (the announcement may be what was lost)."""
        claim = await self.runs.claim_or_wait(job.job_id, job.tenant_id)
        if claim.ended_with is not None:
            await self.bus.publish(topics.JOB_EVENTS, claim.ended_with)
            return
        if claim.claim is Claim.BUSY:
            log.info("another live worker holds this job; this copy is dropped")
            return
        started = time.monotonic()
        params = _params(job)
        provider = self.providers.choose(params)
        started_data = JobStarted(kind=job.data.kind, service="generation")
        await self._emit(job, JobStartedEvent, started_data, "started")
        assets = [await self._variation(job, params, provider, i) for i in range(params.variations)]
        completed = follow_up(
            job,
            JobCompletedEvent,
            JobCompleted(
                kind=job.data.kind,
                provider=provider.name,
                prompt=params.prompt,
                negative_prompt=params.negative_prompt,
                assets=assets,
                cost=Cost(credits=job.data.credits_reserved),
                duration_ms=int((time.monotonic() - started) * 1000),
            ),
            source=SOURCE,
            fact="completed",
        )
        await self._end(job, completed)
        log.info("completed: %d images by %s", len(assets), provider.name)
        metrics.JOB_SECONDS.labels(job.data.kind, "completed").observe(time.monotonic() - started)

    async def fail(self, job: RunJobEvent, error: StudioError) -> None:
        """End the job `failed` with the error's code."""
        failed = JobFailed(code=error.code, message=error.message, retriable=error.retriable)
        await self._end(job, follow_up(job, JobFailedEvent, failed, source=SOURCE, fact="failed"))

    async def _end(self, job: RunJobEvent, ending: FinalEvent) -> None:
        announced = await self.runs.finish(ending)
        await self.bus.publish(topics.JOB_EVENTS, announced)
        if announced is ending:
            metrics.JOBS.labels(job.data.kind, STATUS_OF[ending.type].value).inc()

    async def _variation(
        self, job: RunJobEvent, params: GenerateParams, provider: TextToImage, index: int
    ) -> ProducedAsset:
        width, height = params.output_size()
        seed = (_base_seed(job, params) + index) % (MAX_SEED + 1)
        request = TextToImageRequest(
            params.prompt, params.negative_prompt, width, height, seed, params.output_format
        )
        began = time.monotonic()
        image = await provider.generate(request)
        RENDER_SECONDS.labels(provider.name).observe(time.monotonic() - began)
        asset = self._describe(job, image.data, index, image.seed)
        await self.store.put(
            asset.object_key,
            image.data,
            asset.content_type,
            {"job-id": job.job_id, "sha256": asset.sha256},
        )
        await self.runs.renew(job.job_id)
        if index + 1 < params.variations:  # the last one is announced by `completed`
            percent = round(100 * (index + 1) / params.variations)
            message = f"variation {index + 1} of {params.variations} done"
            progress = JobProgress(percent=percent, message=message)
            await self._emit(job, JobProgressEvent, progress, f"progress:{percent}")
        return asset

    def _describe(self, job: RunJobEvent, data: bytes, index: int, seed: int) -> ProducedAsset:
        info = inspect_image(data, self.output_limits)
        asset_id = derived_id("ast", job.job_id, index)
        submitted = job.data.submitted_at
        key = object_key(
            job.tenant_id, submitted.year, submitted.month, asset_id, info.format.value
        )
        return ProducedAsset(
            id=asset_id,
            object_key=key,
            content_type=info.content_type,
            format=info.format.value,
            width=info.width,
            height=info.height,
            bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            seed=seed,
            variation=index,
        )

    async def _emit(
        self, job: RunJobEvent, event_type: type[CloudEvent[Any]], data: BaseModel, fact: str
    ) -> None:
        event = follow_up(job, event_type, data, source=SOURCE, fact=fact)
        await self.bus.publish(topics.JOB_EVENTS, event)


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
