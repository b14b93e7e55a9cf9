"""The platform's own video: a pan-and-zoom (Ken Burns) of the image, smart-cropped to the asked
aspect and encoded H.264 with the audio muxed in. Labelled `local` motion, never AI video."""

import logging

from contracts.catalog.engines import Engine
from contracts.events import AttemptOutcome
from contracts.params.transform import ImageToVideoParams
from services.transform.local.video import ken_burns
from services.transform.providers.base import TransformRequest
from shared.cpu import CpuPool
from shared.errors import PermanentError
from shared.images import ImageLimits, open_image
from shared.providers.base import ProviderError, ProviderImage, Recovery

log = logging.getLogger(__name__)


class LocalVideo:
    name = "local"

    def __init__(self, cpu: CpuPool, limits: ImageLimits) -> None:
        self._cpu = cpu
        self._limits = limits

    async def transform(self, request: TransformRequest, engine: Engine) -> ProviderImage:
        params = request.params
        if not isinstance(params, ImageToVideoParams):
            raise _refused("not_supported", f"the local engine does not run {params.KIND}")
        await request.progress(10, "rendering the pan-and-zoom")
        try:
            data = await self._cpu.run(render, params, request, self._limits)
        except PermanentError as refusal:
            raise _refused(refusal.code, refusal.message) from refusal
        except Exception as exc:  # a crash on this input says nothing of the engine's health
            log.exception("local video failed")
            raise _refused("local_failed", f"the local video failed: {exc!r:.160}") from exc
        return ProviderImage(data, None, engine.model)


def render(params: ImageToVideoParams, request: TransformRequest, limits: ImageLimits) -> bytes:
    """The MP4 (CPU work)."""
    width, height = params.size()
    image = open_image(request.image, limits)
    return ken_burns(
        image, width, height, params.duration_s, motion=params.motion, audio=request.audio
    )


def _refused(code: str, message: str) -> ProviderError:
    return ProviderError(code, message, recovery=Recovery.STOP, outcome=AttemptOutcome.REFUSED)
