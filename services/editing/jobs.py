"""Running one edit, upscale or control job: read its input images, route the edit to an engine
(the local algorithms or a provider), check and store the result as a new version of the source,
report with every attempt and the cost.

Every step is idempotent by job id: the new asset's id and object key derive from the job, and a
job that already ended announces its recorded ending instead of running again, so a redelivered
job adds no second version."""

import logging
import time
from dataclasses import dataclass

from contracts.billing.estimates import priced_engines
from contracts.catalog.engines import Engine
from contracts.events import Attempt, InputAsset, JobCompleted, ProducedAsset, RunJobEvent
from contracts.media import ImageFormat
from contracts.params.image_inputs import ImageJobParams
from contracts.params.upscale import UpscaleAutoParams
from services.editing.metrics import JOB_SECONDS
from services.editing.providers.base import EditProvider, EditRequest
from services.editing.upscaling.finish import Finish, finished
from services.editing.upscaling.resolve import Resolved, resolved
from shared.cpu import CpuPool
from shared.images import ImageLimits, describe, encode, open_image, sniff_format
from shared.providers.base import ProviderImage
from shared.providers.router import Call, Delivered, Router, delivered_cost
from shared.workers.inputs import job_params, job_seed, source_input
from shared.workers.kit import WorkerKit

log = logging.getLogger(__name__)


@dataclass
class EditingJobs:
    """The editing service's use cases, wired with its adapters."""

    kit: WorkerKit
    router: Router[EditProvider, Engine]
    output_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Edit the job's source with the first engine that delivers; complete it with the new
        version."""
        started = time.monotonic()
        asked = job_params(job, ImageJobParams, "an edit")
        source = source_input(job)
        images = await self.kit.read_inputs(job)
        run = await self._resolved(asked, images)
        params = run.params
        candidates = priced_engines(params)
        await self.kit.reporter.started(job)
        request = EditRequest(params, images, job_seed(job, params.seed))
        attempts: list[Attempt] = []
        who = (job.tenant_id, job.lane)
        accept = _Accept(self.kit.cpu, params.output_format, self.output_limits, run.finish)
        made = await self.router.deliver(_editing(request), candidates, 0, attempts, accept, who)
        asset = await self._store(job, made, source)
        completed = JobCompleted(
            kind=job.data.kind,
            provider=made.spec.provider,
            model=made.spec.model,
            prompt=_prompt(params),
            assets=[asset],
            cost=delivered_cost(attempts),
            duration_ms=int((time.monotonic() - started) * 1000),
            attempts=attempts,
            choice=run.choice,
        )
        await self.kit.reporter.complete(job, completed)
        JOB_SECONDS.labels(job.data.kind, made.spec.provider).observe(time.monotonic() - started)
        log.info("completed by %s/%s", made.spec.provider, made.spec.model)

    async def _resolved(self, asked: ImageJobParams, images: dict[str, bytes]) -> Resolved:
        """An `upscale.auto` job as the mode it chooses (measured on the CPU pool)."""
        if not isinstance(asked, UpscaleAutoParams):
            return Resolved(asked)
        return await self.kit.cpu.run(resolved, asked, images["asset_id"], self.output_limits)

    async def _store(
        self, job: RunJobEvent, made: Delivered[Engine], source: InputAsset
    ) -> ProducedAsset:
        """Store the result under its deterministic key, as a new version of the source."""
        stored = await self.kit.cpu.run(describe, made.data, self.output_limits)
        return await self.kit.store_asset(
            job,
            (0,),
            made.data,
            stored,
            seed=made.image.seed,
            parent_id=source.id,
            root_id=source.chain_root,
        )


@dataclass(frozen=True)
class _Accept:
    """Checks an engine's image and gives it in the asked format (raises `ImageRejectedError`)."""

    cpu: CpuPool
    fmt: ImageFormat
    limits: ImageLimits
    finish: Finish | None = None
    """An `upscale.auto` output's size, format and dpi."""

    async def __call__(self, image: ProviderImage) -> bytes:
        if self.finish is not None:
            return await self.cpu.run(finished, image.data, self.finish, self.limits)
        return await self.cpu.run(in_format, image.data, self.fmt, self.limits)


def in_format(data: bytes, fmt: ImageFormat, limits: ImageLimits) -> bytes:
    """`data` checked by content and encoded as `fmt` (as is when it already is)."""
    image = open_image(data, limits)
    return data if sniff_format(data) is fmt else encode(image, fmt)


def _editing(request: EditRequest) -> Call[EditProvider, Engine]:
    async def call(provider: EditProvider, engine: Engine) -> ProviderImage:
        return await provider.edit(request, engine)

    return call


def _prompt(params: ImageJobParams) -> str | None:
    text = getattr(params, "prompt", None) or getattr(params, "instruction", None)
    return text if isinstance(text, str) else None
