"""Running one `generate` job: compose the prompt, route each variation to a provider (or reuse a
cached result), fit and store each image, report with every provider attempt and the cost.

Every step is idempotent by job id: asset ids and object keys derive from the job id and the
variation, and a job that already ended announces its recorded ending instead of running again.
"""

import logging
import time
from dataclasses import dataclass
from functools import partial

from pydantic import ValidationError

from contracts.billing.estimates import priced_routes
from contracts.billing.prices import Price
from contracts.catalog.models import ModelSpec
from contracts.events import (
    Attempt,
    Cost,
    FailureCode,
    JobCompleted,
    JobCompletedEvent,
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
from services.generation.cache import CachedResult, ResultCache, cache_key
from services.generation.metrics import CACHE_HITS, JOB_SECONDS
from services.generation.prompting import Composition, PromptComposer
from services.generation.providers.base import ImageProvider, ImageRequest
from shared.bus import EventBus
from shared.cpu import CpuPool
from shared.database import now_ms
from shared.errors import PermanentError
from shared.ids import derived_id, seed_of
from shared.images import ImageLimits, conform, described
from shared.objects import ObjectStore, object_key
from shared.providers.base import ProviderImage
from shared.providers.router import Call, Delivered, Router, delivered_cost
from shared.reporting import JobReporter
from shared.runs import Runs

SOURCE = f"/services/{SERVICE}"
log = logging.getLogger(__name__)


@dataclass
class GenerationJobs:
    """The generation service's use cases, wired with its adapters."""

    bus: EventBus
    reporter: JobReporter
    store: ObjectStore
    runs: Runs
    router: Router[ImageProvider, ModelSpec]
    composer: PromptComposer
    cache: ResultCache
    cpu: CpuPool
    output_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Run a job once (see `Runs.run_once`)."""
        await self.runs.run_once(job, self.bus, lambda: self._generate(job))

    async def _generate(self, job: RunJobEvent) -> None:
        started = time.monotonic()
        params = _params(job)
        key = cache_key(
            job.tenant_id, job.data.kind, params, job.data.brand_kit, self.composer.identity
        )
        hit = await self.cache.find(key) if key else None
        if hit is not None:
            await self._reuse(job, hit, started)
            return
        candidates = priced_routes(params)
        composition = await self.composer.compose(params, job.data.brand_kit)
        await self.reporter.emit(
            job, JobStartedEvent, JobStarted(kind=job.data.kind, service=SERVICE)
        )
        attempts: list[Attempt] = []
        assets, delivered = [], []
        for index in range(params.variations):
            request = _request(job, params, composition, index)
            accept = partial(self._conform, request)
            who = (job.tenant_id, job.lane)
            made = await self.router.deliver(
                _generating(request), candidates, index, attempts, accept, who
            )
            candidates = _first(candidates, made)  # later variations try the same route first
            assets.append(await self._store(job, request, made.data, made.image.seed, index))
            delivered.append(made)
            await self._progress(job, index, params.variations)
        first = delivered[0]
        completed = JobCompleted(
            kind=job.data.kind,
            provider=first.spec.provider,
            model=first.spec.model,
            prompt=composition.prompt,
            negative_prompt=composition.negative_prompt,
            enhanced_by=composition.enhanced_by,
            assets=assets,
            cost=delivered_cost(attempts),
            duration_ms=int((time.monotonic() - started) * 1000),
            attempts=attempts,
        )
        await self._complete(job, completed, started)
        if key is not None:
            await self.cache.remember(_cached(key, job, completed))

    async def _reuse(self, job: RunJobEvent, hit: CachedResult, started: float) -> None:
        """Complete with the cached result's images: new asset ids, the same stored objects."""
        assets = [
            asset.model_copy(
                update={"id": derived_id("ast", job.job_id, i), "reused_from": asset.id}
            )
            for i, asset in enumerate(hit.assets)
        ]
        completed = JobCompleted(
            kind=job.data.kind,
            provider=hit.provider,
            model=hit.model,
            prompt=hit.prompt,
            negative_prompt=hit.negative_prompt,
            assets=assets,
            cost=Cost(),
            duration_ms=int((time.monotonic() - started) * 1000),
            cached_from=hit.job_id,
        )
        CACHE_HITS.inc()
        await self._complete(job, completed, started)

    async def _complete(self, job: RunJobEvent, completed: JobCompleted, started: float) -> None:
        event = follow_up(job, JobCompletedEvent, completed, source=SOURCE, fact="completed")
        await self.reporter.end(job, event)
        JOB_SECONDS.labels(job.data.kind).observe(time.monotonic() - started)
        log.info("completed: %d images by %s", len(completed.assets), completed.provider)

    async def _progress(self, job: RunJobEvent, index: int, variations: int) -> None:
        if index + 1 == variations:  # the last one is announced by `completed`
            return
        percent = round(100 * (index + 1) / variations)
        progress = JobProgress(
            percent=percent, message=f"variation {index + 1} of {variations} done"
        )
        await self.reporter.emit(job, JobProgressEvent, progress, fact=f"progress:{percent}")

    async def _conform(self, request: ImageRequest, image: ProviderImage) -> bytes:
        """What the provider returned, checked and fitted to the asked size and format."""
        return await self.cpu.run(
            conform,
            image.data,
            request.width,
            request.height,
            request.output_format,
            self.output_limits,
        )

    async def _store(
        self, job: RunJobEvent, request: ImageRequest, data: bytes, seed: int | None, index: int
    ) -> ProducedAsset:
        """Store a conformed image under its deterministic key."""
        stored = described(data, request.width, request.height, request.output_format)
        asset_id = derived_id("ast", job.job_id, index)
        submitted = job.data.submitted_at
        key = object_key(job.tenant_id, submitted.year, submitted.month, asset_id, stored.format)
        await self.store.put(
            key, data, stored.content_type, {"job-id": job.job_id, "sha256": stored.sha256}
        )
        return ProducedAsset(
            **stored.model_dump(), id=asset_id, object_key=key, seed=seed, variation=index
        )


def _request(
    job: RunJobEvent, params: GenerateParams, composition: Composition, index: int
) -> ImageRequest:
    width, height = params.output_size()
    return ImageRequest(
        prompt=composition.prompt,
        negative_prompt=composition.negative_prompt,
        width=width,
        height=height,
        seed=(_base_seed(job, params) + index) % (MAX_SEED + 1),
        output_format=params.output_format,
        style=composition.style,
    )


def _generating(request: ImageRequest) -> Call[ImageProvider, ModelSpec]:
    async def call(provider: ImageProvider, spec: ModelSpec) -> ProviderImage:
        return await provider.generate(request, spec)

    return call


def _first(
    candidates: list[tuple[ModelSpec, Price]], made: Delivered[ModelSpec]
) -> list[tuple[ModelSpec, Price]]:
    chosen = (made.spec, made.price)
    return [chosen, *(c for c in candidates if c[0] != made.spec)]


def _cached(key: str, job: RunJobEvent, completed: JobCompleted) -> CachedResult:
    return CachedResult(
        _id=key,
        tenant_id=job.tenant_id,
        job_id=job.job_id,
        provider=completed.provider,
        model=completed.model,
        prompt=completed.prompt,
        negative_prompt=completed.negative_prompt,
        assets=completed.assets,
        created_at_ms=now_ms(),
    )


def _params(job: RunJobEvent) -> GenerateParams:
    try:
        return GenerateParams.model_validate(job.data.params)
    except ValidationError as exc:
        raise PermanentError(FailureCode.INVALID_PARAMS, str(exc)) from exc


def _base_seed(job: RunJobEvent, params: GenerateParams) -> int:
    """The asked seed, else one drawn from the job id."""
    return params.seed if params.seed is not None else seed_of(job.job_id, MAX_SEED + 1)
