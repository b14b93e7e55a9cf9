"""Running one edit, upscale or control job: read its input images, route the edit to an engine
(the local algorithms or a provider), check and store the result as a new version of the source,
report with every attempt and the cost.

Every step is idempotent by job id: the new asset's id and object key derive from the job, and a
job that already ended announces its recorded ending instead of running again, so a redelivered
job adds no second version."""

import asyncio
import logging
import time
from dataclasses import dataclass

from pydantic import ValidationError

from contracts.billing.estimates import priced_engines
from contracts.catalog.engines import Engine
from contracts.events import (
    Attempt,
    FailureCode,
    InputAsset,
    JobCompleted,
    JobCompletedEvent,
    JobStarted,
    JobStartedEvent,
    ProducedAsset,
    RunJobEvent,
    follow_up,
)
from contracts.jobs import parse_params
from contracts.media import ImageFormat
from contracts.params.generate import MAX_SEED
from contracts.params.image_inputs import ImageJobParams
from services.editing import SERVICE
from services.editing.metrics import JOB_SECONDS
from services.editing.providers.base import EditProvider, EditRequest
from shared.bus import EventBus
from shared.cpu import CpuPool
from shared.errors import PermanentError
from shared.ids import derived_id, seed_of
from shared.images import ImageLimits, describe, encode, open_image, sniff_format
from shared.objects import ObjectStore, object_key
from shared.providers.base import ProviderImage
from shared.providers.router import Call, Delivered, Router, delivered_cost
from shared.reporting import JobReporter
from shared.runs import Runs

SOURCE = f"/services/{SERVICE}"
log = logging.getLogger(__name__)


@dataclass
class EditingJobs:
    """The editing service's use cases, wired with its adapters."""

    bus: EventBus
    reporter: JobReporter
    store: ObjectStore
    runs: Runs
    router: Router[EditProvider, Engine]
    cpu: CpuPool
    output_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Run a job once (see `Runs.run_once`)."""
        await self.runs.run_once(job, self.bus, lambda: self._edit(job))

    async def _edit(self, job: RunJobEvent) -> None:
        started = time.monotonic()
        params = _params(job)
        candidates = priced_engines(params)
        source = _source(job)
        images = await self._read_inputs(job)
        await self.reporter.emit(
            job, JobStartedEvent, JobStarted(kind=job.data.kind, service=SERVICE)
        )
        request = EditRequest(params, images, _seed(job, params))
        attempts: list[Attempt] = []
        who = (job.tenant_id, job.lane)
        made = await self.router.deliver(
            _editing(request), candidates, 0, attempts, self._accept(params), who
        )
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
        )
        event = follow_up(job, JobCompletedEvent, completed, source=SOURCE, fact="completed")
        await self.reporter.end(job, event)
        JOB_SECONDS.labels(job.data.kind, made.spec.provider).observe(time.monotonic() - started)
        log.info("completed by %s/%s", made.spec.provider, made.spec.model)

    async def _read_inputs(self, job: RunJobEvent) -> dict[str, bytes]:
        names = list(job.data.inputs)
        blobs = await asyncio.gather(
            *(self.store.get(job.data.inputs[n].object_key) for n in names)
        )
        return dict(zip(names, blobs, strict=True))

    def _accept(self, params: ImageJobParams) -> "_Accept":
        return _Accept(self.cpu, params.output_format, self.output_limits)

    async def _store(
        self, job: RunJobEvent, made: Delivered[Engine], source: InputAsset
    ) -> ProducedAsset:
        """Store the result under its deterministic key, as a new version of the source."""
        stored = await self.cpu.run(describe, made.data, self.output_limits)
        asset_id = derived_id("ast", job.job_id, 0)
        submitted = job.data.submitted_at
        key = object_key(job.tenant_id, submitted.year, submitted.month, asset_id, stored.format)
        metadata = {"job-id": job.job_id, "sha256": stored.sha256}
        await self.store.put(key, made.data, stored.content_type, metadata)
        return ProducedAsset(
            **stored.model_dump(),
            id=asset_id,
            object_key=key,
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

    async def __call__(self, image: ProviderImage) -> bytes:
        return await self.cpu.run(in_format, image.data, self.fmt, self.limits)


def in_format(data: bytes, fmt: ImageFormat, limits: ImageLimits) -> bytes:
    """`data` checked by content and encoded as `fmt` (as is when it already is)."""
    image = open_image(data, limits)
    return data if sniff_format(data) is fmt else encode(image, fmt)


def _editing(request: EditRequest) -> Call[EditProvider, Engine]:
    async def call(provider: EditProvider, engine: Engine) -> ProviderImage:
        return await provider.edit(request, engine)

    return call


def _params(job: RunJobEvent) -> ImageJobParams:
    try:
        params = parse_params(job.data.kind, job.data.params)
    except ValidationError as exc:
        raise PermanentError(FailureCode.INVALID_PARAMS, str(exc)) from exc
    if not isinstance(params, ImageJobParams):
        raise PermanentError(FailureCode.INVALID_PARAMS, f"{job.data.kind} is not an edit")
    return params


def _source(job: RunJobEvent) -> InputAsset:
    source = job.data.inputs.get("asset_id")
    if source is None:
        raise PermanentError(FailureCode.INVALID_PARAMS, "the source image was not resolved")
    return source


def _prompt(params: ImageJobParams) -> str | None:
    text = getattr(params, "prompt", None) or getattr(params, "instruction", None)
    return text if isinstance(text, str) else None


def _seed(job: RunJobEvent, params: ImageJobParams) -> int:
    """The asked seed, else one drawn from the job id."""
    return params.seed if params.seed is not None else seed_of(job.job_id, MAX_SEED + 1)
