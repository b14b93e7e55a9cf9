"""The platform's own video: a pan-and-zoom (Ken Burns) of the image, smart-cropped to the asked
aspect and encoded H.264 with the audio muxed in. Labelled `local` motion, never AI video."""

from contracts.catalog.engines import Engine
from contracts.params.transform import ImageToVideoParams
from services.transform.local.video import ken_burns
from services.transform.providers.base import TransformRequest
from shared.cpu import CpuPool
from shared.images import ImageLimits, open_image
from shared.providers.base import ProviderImage, refused
from shared.providers.local import local_work


class LocalVideo:
    name = "local"

    def __init__(self, cpu: CpuPool, limits: ImageLimits) -> None:
        self._cpu = cpu
        self._limits = limits

    async def transform(self, request: TransformRequest, engine: Engine) -> ProviderImage:
        params = request.params
        if not isinstance(params, ImageToVideoParams):
            raise refused("not_supported", f"the local engine does not run {params.KIND}")
        await request.progress(10, "rendering the pan-and-zoom")
        work = self._cpu.run(render, params, request, self._limits)
        data = await local_work(work, "the local video failed")
        return ProviderImage(data, None, engine.model)


def render(params: ImageToVideoParams, request: TransformRequest, limits: ImageLimits) -> bytes:
    """The MP4 (CPU work)."""
    width, height = params.size()
    image = open_image(request.image, limits)
    return ken_burns(
        image, width, height, params.duration_s, motion=params.motion, audio=request.audio
    )
