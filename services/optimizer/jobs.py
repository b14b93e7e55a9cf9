"""Running one `optimize.social` job: read the source, make every asked platform format on the
CPU pool, store each output (and its safe-zone preview), and report what was made and what not.

Idempotent by job id: asset ids and object keys derive from the job, the preset and the variant,
and a job that already ended announces its recorded ending instead of running again.
"""

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass

from pydantic import ValidationError

from contracts.billing.estimates import charge
from contracts.catalog.platforms import PRESETS
from contracts.events import (
    Cost,
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
from contracts.media import ImageFormat
from contracts.optimizer import AssetRole, OutputFailure, OutputReport
from contracts.params.optimize import OptimizeParams
from services.optimizer import SERVICE
from services.optimizer.imaging.encoding import Metadata
from services.optimizer.imaging.pipeline import Rendition, optimize
from services.optimizer.imaging.rendering import Options
from services.optimizer.metrics import JOB_SECONDS, OUTPUTS
from shared.bus import EventBus
from shared.cpu import CpuPool
from shared.errors import PermanentError
from shared.ids import derived_id
from shared.images import ImageLimits
from shared.objects import ObjectStore, object_key
from shared.reporting import JobReporter
from shared.runs import Runs

SOURCE = f"/services/{SERVICE}"
log = logging.getLogger(__name__)


@dataclass
class OptimizerJobs:
    """The optimizer's use cases, wired with its adapters."""

    bus: EventBus
    reporter: JobReporter
    store: ObjectStore
    runs: Runs
    cpu: CpuPool
    source_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Run a job once (see `Runs.run_once`)."""
        await self.runs.run_once(job, self.bus, lambda: self._optimize(job))

    async def _optimize(self, job: RunJobEvent) -> None:
        started = time.monotonic()
        params = _params(job)
        source = _source(job)
        options = _options(job, params)
        data = await self.store.get(source.object_key)
        await self.reporter.emit(
            job, JobStartedEvent, JobStarted(kind=job.data.kind, service=SERVICE)
        )
        results = await self.cpu.run(optimize, data, params.targets(), options, self.source_limits)
        renditions = [r for r in results if isinstance(r, Rendition)]
        failures = [r for r in results if isinstance(r, OutputFailure)]
        for failure in failures:
            OUTPUTS.labels(PRESETS[failure.preset].platform, "failed").inc()
        if not renditions:
            raise PermanentError(failures[0].code, _summary(failures))
        assets = await asyncio.gather(*(self._store(job, source, r) for r in renditions))
        credits, usd = charge(job.data.kind, "local", "optimizer", 1)
        completed = JobCompleted(
            kind=job.data.kind,
            provider="local",
            model="optimizer",
            assets=[asset for pair in assets for asset in pair],
            cost=Cost(credits=credits, usd=usd),
            duration_ms=int((time.monotonic() - started) * 1000),
            failures=failures,
        )
        event = follow_up(job, JobCompletedEvent, completed, source=SOURCE, fact="completed")
        await self.reporter.end(job, event)
        JOB_SECONDS.observe(time.monotonic() - started)
        log.info("completed: %d outputs, %d failed", len(renditions), len(failures))

    async def _store(
        self, job: RunJobEvent, source: InputAsset, rendition: Rendition
    ) -> list[ProducedAsset]:
        """Store an output and its preview under keys derived from the job, preset and variant."""
        preset = rendition.preset
        OUTPUTS.labels(preset.platform, "made").inc()
        parts = (preset.id, rendition.variant)
        made = [
            await self._put(
                job, source, rendition, rendition.data, rendition.format, "output", parts
            )
        ]
        if rendition.preview is not None:
            made.append(
                await self._put(
                    job, source, rendition, rendition.preview, "jpeg", "safe_zone_preview", parts
                )
            )
        return made

    async def _put(
        self,
        job: RunJobEvent,
        source: InputAsset,
        rendition: Rendition,
        data: bytes,
        fmt: str,
        role: AssetRole,
        parts: tuple[str, int],
    ) -> ProducedAsset:
        asset_id = derived_id("ast", job.job_id, *parts, role)
        submitted = job.data.submitted_at
        key = object_key(job.tenant_id, submitted.year, submitted.month, asset_id, fmt)
        digest = hashlib.sha256(data).hexdigest()
        content_type = ImageFormat(fmt).content_type
        await self.store.put(key, data, content_type, {"job-id": job.job_id, "sha256": digest})
        report: OutputReport | None = rendition.report if role == "output" else None
        return ProducedAsset(
            id=asset_id,
            object_key=key,
            content_type=content_type,
            format=fmt,
            width=rendition.preset.width,
            height=rendition.preset.height,
            bytes=len(data),
            sha256=digest,
            variation=rendition.variant,
            preset=rendition.preset.id,
            platform=rendition.preset.platform,
            source_asset_id=source.id,
            role=role,
            report=report,
        )


def _params(job: RunJobEvent) -> OptimizeParams:
    try:
        return OptimizeParams.model_validate(job.data.params)
    except ValidationError as exc:
        raise PermanentError(FailureCode.INVALID_PARAMS, str(exc)) from exc


def _source(job: RunJobEvent) -> InputAsset:
    source = job.data.inputs.get("asset_id")
    if source is None:
        raise PermanentError(FailureCode.INVALID_PARAMS, "the source asset was not resolved")
    if not source.content_type.startswith("image/"):
        raise PermanentError(
            "unsupported_media_type", f"the source is {source.content_type}, not an image"
        )
    return source


def _options(job: RunJobEvent, params: OptimizeParams) -> Options:
    focal = (params.focal_point.x, params.focal_point.y) if params.focal_point else None
    return Options(
        mode=params.mode,
        level=params.level,
        focal_point=focal,
        background=_background(job, params),
        variants=params.variants,
        max_bytes=params.max_bytes,
        previews=params.previews,
        metadata=Metadata(copyright=params.copyright, author=params.author),
    )


def _background(job: RunJobEvent, params: OptimizeParams) -> str | None:
    if params.background == "blur":
        return None
    if params.background != "brand":
        return params.background
    kit = job.data.brand_kit
    if kit is None or not kit.colors:
        raise PermanentError(FailureCode.INVALID_PARAMS, "the brand kit has no colours to pad with")
    return kit.colors[0]


def _summary(failures: list[OutputFailure]) -> str:
    return "; ".join(f"{f.preset}: {f.message}" for f in failures)
