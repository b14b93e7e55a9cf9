"""Running one `generate` job: compose the prompt, route each variation to a provider (or reuse a
cached result), fit and store each image, report with every provider attempt and the cost.

Every step is idempotent by job id: asset ids and object keys derive from the job id and the
variation, and a job that already ended announces its recorded ending instead of running again.
"""

import logging
import time
from dataclasses import dataclass
from functools import partial

from contracts.billing.estimates import priced_routes
from contracts.billing.prices import Price
from contracts.catalog.models import ModelSpec
from contracts.events import (
    Attempt,
    Cost,
    JobCompleted,
    ProducedAsset,
    RunJobEvent,
)
from contracts.params.generate import MAX_SEED, GenerateParams
from services.generation.cache import CachedResult, ResultCache, cache_key
from services.generation.choosing import choose
from services.generation.metrics import CACHE_HITS, JOB_SECONDS
from services.generation.prompting import Composition, PromptComposer
from services.generation.providers.base import ImageProvider, ImageRequest
from shared.database import now_ms
from shared.ids import derived_id
from shared.images import ImageLimits, conform, described
from shared.providers.base import ProviderImage
from shared.providers.router import Call, Delivered, Router, delivered_cost
from shared.workers.inputs import job_params, job_seed
from shared.workers.kit import WorkerKit

log = logging.getLogger(__name__)


@dataclass
class GenerationJobs:
    """The generation service's use cases, wired with its adapters."""

    kit: WorkerKit
    router: Router[ImageProvider, ModelSpec]
    composer: PromptComposer
    cache: ResultCache
    output_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Complete the job from the result cache, else with a provider's image per variation."""
        started = time.monotonic()
        params = job_params(job, GenerateParams, "a generation")
        key = cache_key(
            job.tenant_id, job.data.kind, params, job.data.brand_kit, self.composer.identity
        )
        hit = await self.cache.find(key) if key else None
        if hit is not None:
            await self._reuse(job, hit, started)
            return
        choice = choose(params, priced_routes(params))
        candidates = choice.routes if choice else priced_routes(params)
        composition = await self.composer.compose(params, job.data.brand_kit)
        await self.kit.reporter.started(job)
        attempts: list[Attempt] = []
        assets, first = await self._variations(job, params, composition, candidates, attempts)
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
            decision=choice.decision(first.spec) if choice else None,
        )
        await self._complete(job, completed, started)
        if key is not None:
            await self.cache.remember(_cached(key, job, completed))

    async def _variations(
        self,
        job: RunJobEvent,
        params: GenerateParams,
        composition: Composition,
        candidates: list[tuple[ModelSpec, Price]],
        attempts: list[Attempt],
    ) -> tuple[list[ProducedAsset], Delivered[ModelSpec]]:
        """Each variation made and stored in turn; the assets, and what made the first."""
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
        return assets, delivered[0]

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
        await self.kit.reporter.complete(job, completed)
        JOB_SECONDS.labels(job.data.kind).observe(time.monotonic() - started)
        log.info("completed: %d images by %s", len(completed.assets), completed.provider)

    async def _progress(self, job: RunJobEvent, index: int, variations: int) -> None:
        if index + 1 == variations:  # the last one is announced by `completed`
            return
        percent = round(100 * (index + 1) / variations)
        message = f"variation {index + 1} of {variations} done"
        await self.kit.reporter.progress(job, percent, message)

    async def _conform(self, request: ImageRequest, image: ProviderImage) -> bytes:
        """What the provider returned, checked and fitted to the asked size and format."""
        return await self.kit.cpu.run(
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
        return await self.kit.store_asset(job, (index,), data, stored, seed=seed, variation=index)


def _request(
    job: RunJobEvent, params: GenerateParams, composition: Composition, index: int
) -> ImageRequest:
    width, height = params.output_size()
    return ImageRequest(
        prompt=composition.prompt,
        negative_prompt=composition.negative_prompt,
        width=width,
        height=height,
        seed=(job_seed(job, params.seed) + index) % (MAX_SEED + 1),
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
