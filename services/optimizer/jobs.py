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

from contracts.billing.estimates import charge
from contracts.catalog.platforms import PRESETS
from contracts.events import (
    Cost,
    FailureCode,
    InputAsset,
    JobCompleted,
    ProducedAsset,
    RunJobEvent,
)
from contracts.media import ImageFormat, StoredImage
from contracts.optimizer import AssetRole, OutputFailure, OutputReport
from contracts.params.optimize import OptimizeParams
from services.optimizer.imaging.encoding import Metadata
from services.optimizer.imaging.pipeline import Rendition, optimize
from services.optimizer.imaging.rendering import Options
from services.optimizer.metrics import JOB_SECONDS, OUTPUTS
from shared.errors import PermanentError
from shared.images import ImageLimits
from shared.workers.inputs import job_params, source_input
from shared.workers.kit import WorkerKit

log = logging.getLogger(__name__)


@dataclass
class OptimizerJobs:
    """The optimizer's use cases, wired with its adapters."""

    kit: WorkerKit
    source_limits: ImageLimits

    async def run(self, job: RunJobEvent) -> None:
        """Make every asked format of the job's source; complete it with those made."""
        started = time.monotonic()
        params = job_params(job, OptimizeParams, "an optimization")
        source = _source(job)
        options = _options(job, params)
        data = await self.kit.store.get(source.object_key)
        await self.kit.reporter.started(job)
        results = await self.kit.cpu.run(
            optimize, data, params.targets(), options, self.source_limits
        )
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
        await self.kit.reporter.complete(job, completed)
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
        media = StoredImage(
            content_type=ImageFormat(fmt).content_type,
            format=fmt,
            width=rendition.preset.width,
            height=rendition.preset.height,
            bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        report: OutputReport | None = rendition.report if role == "output" else None
        return await self.kit.store_asset(
            job,
            (*parts, role),
            data,
            media,
            variation=rendition.variant,
            preset=rendition.preset.id,
            platform=rendition.preset.platform,
            source_asset_id=source.id,
            role=role,
            report=report,
        )


def _source(job: RunJobEvent) -> InputAsset:
    source = source_input(job, what="asset")
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
