"""Running one transform job: read the source image (and audio), run the one engine the job
asks for with progress while it works, check and store the video (and its poster) or the 3D
model, report with the attempt and the cost.

Idempotent by job id: asset ids and object keys derive from the job, and a job that already
ended announces its recorded ending instead of running again."""

import logging
import time
from dataclasses import dataclass

from contracts.billing.estimates import TransformParams, estimate, transform_engine
from contracts.billing.prices import Price, Unit
from contracts.catalog.engines import Engine
from contracts.events import (
    Attempt,
    JobCompleted,
    ProducedAsset,
    RunJobEvent,
)
from contracts.media import StoredMedia
from contracts.params.transform import AvatarParams, ImageTo3DParams, ImageToVideoParams
from contracts.topics import Lane
from services.transform.local.obj import glb_to_obj
from services.transform.media import describe_glb, describe_obj, describe_video, poster_of
from services.transform.metrics import JOB_SECONDS, OUTPUT_SECONDS
from services.transform.providers.base import TransformProvider, TransformRequest
from services.transform.speech.speaker import Speaker
from shared.cpu import CpuPool
from shared.errors import StudioError
from shared.images import ImageLimits
from shared.providers.base import ProviderImage
from shared.providers.router import Call, Router, delivered_cost
from shared.workers.inputs import job_params, job_seed, source_input
from shared.workers.kit import WorkerKit

log = logging.getLogger(__name__)


@dataclass
class TransformJobs:
    """The transform service's use cases, wired with its adapters."""

    kit: WorkerKit
    router: Router[TransformProvider, Engine]
    image_limits: ImageLimits
    speaker: Speaker

    async def run(self, job: RunJobEvent) -> None:
        """Run the job's engine with progress; complete the job with what it made."""
        started = time.monotonic()
        params: TransformParams = job_params(job, TransformParams, "a transform")
        engine, price = _priced(job.data.kind, params)
        request = await self._request(job, params, price)
        await self.kit.reporter.started(job)
        attempts: list[Attempt] = []
        checked = _Checked(self.kit.cpu, isinstance(params, ImageTo3DParams))
        made = await self.router.deliver(
            _transforming(request), [(engine, price)], 0, attempts, checked, _who(job)
        )
        assert checked.media is not None  # set by the check that accepted the output
        assets = await self._store(job, params, made.data, checked.media)
        completed = JobCompleted(
            kind=job.data.kind,
            provider=engine.provider,
            model=engine.model,
            prompt=getattr(params, "prompt", None),
            assets=assets,
            cost=delivered_cost(attempts),
            duration_ms=int((time.monotonic() - started) * 1000),
            attempts=attempts,
        )
        await self.kit.reporter.complete(job, completed)
        JOB_SECONDS.labels(job.data.kind, engine.provider).observe(time.monotonic() - started)
        OUTPUT_SECONDS.labels(job.data.kind).inc(assets[0].duration_s or 0)

    async def _request(
        self, job: RunJobEvent, params: TransformParams, price: Price
    ) -> TransformRequest:
        image = source_input(job, _image_param(params))
        return TransformRequest(
            params=params,
            image=await self.kit.store.get(image.object_key),
            audio=await self._audio(job, params),
            seed=job_seed(job, params.seed),
            expected_s=price.seconds_per_unit,
            progress=lambda percent, message: self._progress(job, percent, message),
        )

    async def _audio(self, job: RunJobEvent, params: TransformParams) -> bytes | None:
        """The uploaded audio, or the speech of `tts_text`, or None."""
        audio_input = job.data.inputs.get("audio_asset_id")
        if audio_input is not None:
            return await self.kit.store.get(audio_input.object_key)
        if isinstance(params, ImageToVideoParams | AvatarParams) and params.tts_text:
            return await self.speaker.speech(params)
        return None

    async def _progress(self, job: RunJobEvent, percent: int, message: str) -> None:
        """Best effort: a progress event that cannot be sent must not fail a paid job."""
        try:
            await self.kit.reporter.progress(job, percent, message)
        except StudioError as exc:
            log.warning("progress not sent: %s", exc)

    async def _store(
        self, job: RunJobEvent, params: TransformParams, data: bytes, media: StoredMedia
    ) -> list[ProducedAsset]:
        source = job.data.inputs[_image_param(params)]
        if isinstance(params, ImageTo3DParams):
            return await self._store_model(job, params, data, media, source.id)
        video = media
        still, described = await self.kit.cpu.run(poster_of, data, self.image_limits)
        poster = await self.kit.store_asset(
            job, ("poster",), still, described, source_asset_id=source.id
        )
        output = await self.kit.store_asset(
            job, ("video",), data, video, source_asset_id=source.id, poster_id=poster.id
        )
        return [output, poster.model_copy(update={"role": "poster"})]

    async def _store_model(
        self,
        job: RunJobEvent,
        params: ImageTo3DParams,
        glb: bytes,
        model: StoredMedia,
        source_id: str,
    ) -> list[ProducedAsset]:
        """The GLB, and an OBJ converted from it when asked (then first, the GLB kept with its
        texture as variation 1)."""
        stored = await self.kit.store_asset(job, ("model",), glb, model, source_asset_id=source_id)
        if params.output_format == "glb":
            return [stored]
        obj = await self.kit.cpu.run(glb_to_obj, glb)
        converted = await self.kit.store_asset(
            job, ("obj",), obj, describe_obj(obj), source_asset_id=source_id
        )
        return [converted, stored.model_copy(update={"variation": 1})]


def _priced(kind: str, params: TransformParams) -> tuple[Engine, Price]:
    """The job's engine, and what the whole job costs as one `Price` (a video is priced per
    second or per 5 s: the attempt is charged the estimate's total)."""
    engine, total = transform_engine(kind, params), estimate(kind, params)
    price = Price(
        operation=kind,
        provider=engine.provider,
        model=engine.model,
        unit=Unit.IMAGE,
        credits=total.credits,
        usd=total.usd,
        seconds_per_unit=total.expected_seconds,
        source="the job's estimate",
    )
    return engine, price


def _transforming(request: TransformRequest) -> Call[TransformProvider, Engine]:
    async def call(provider: TransformProvider, engine: Engine) -> ProviderImage:
        return await provider.transform(request, engine)

    return call


@dataclass
class _Checked:
    """Accepts an engine's output that decodes as what was asked (a video, or a GLB), keeping
    its description; anything else counts as the engine's failure."""

    cpu: CpuPool
    model: bool
    media: StoredMedia | None = None

    async def __call__(self, made: ProviderImage) -> bytes:
        describe = describe_glb if self.model else describe_video
        self.media = await self.cpu.run(describe, made.data)
        return made.data


def _who(job: RunJobEvent) -> tuple[str, Lane]:
    return job.tenant_id, job.lane


def _image_param(params: TransformParams) -> str:
    return "asset_id" if isinstance(params, ImageTo3DParams) else "image_asset_id"
