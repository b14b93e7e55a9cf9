"""The platform's own engine: classical CPU algorithms (`services/editing/local/`) for the kinds
where one does real work. Labelled `local` on every result; it never pretends to be a model."""

from collections.abc import Callable

from PIL import Image

from contracts.catalog.engines import Engine
from contracts.params.edit import (
    EraseParams,
    InpaintParams,
    OutpaintParams,
    RemoveBackgroundParams,
    SearchRecolorParams,
)
from contracts.params.multi_control import CONTROL_INPUTS, ControlMultiParams
from contracts.params.overlay import TextOverlayParams, WatermarkParams
from contracts.params.upscale import FAST_FACTOR, UpscaleFastParams
from services.editing.local.background import remove_background
from services.editing.local.control import combine
from services.editing.local.inpaint import erase
from services.editing.local.outpaint import outpaint
from services.editing.local.recolor import recolor
from services.editing.local.text_overlay import draw_text
from services.editing.local.upscale import upscale
from services.editing.local.watermark import watermark
from services.editing.providers.base import EditRequest
from shared.cpu import CpuPool
from shared.images import ImageLimits, encode, open_image
from shared.providers.base import ProviderImage
from shared.providers.local import local_work

Images = dict[str, Image.Image]


class LocalEditing:
    name = "local"

    def __init__(self, cpu: CpuPool, limits: ImageLimits) -> None:
        self._cpu = cpu
        self._limits = limits

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage:
        work = self._cpu.run(run_locally, request, self._limits)
        data = await local_work(work, "the local algorithm failed on this image")
        return ProviderImage(data, None, engine.model)


def run_locally(request: EditRequest, limits: ImageLimits) -> bytes:
    """Decode the inputs, run the kind's algorithm, encode the result (CPU work)."""
    images = {
        name: open_image(data, limits)
        for name, data in request.images.items()
        if name in request.params.RULES
    }
    result = OPERATIONS[request.params.KIND](request, images)
    return encode(result, request.params.output_format)


def _erase(request: EditRequest, images: Images) -> Image.Image:
    params = request.params
    assert isinstance(params, EraseParams | InpaintParams)
    return erase(images["asset_id"], images["mask_id"], params.grow_mask)


def _outpaint(request: EditRequest, images: Images) -> Image.Image:
    params = request.params
    assert isinstance(params, OutpaintParams)
    return outpaint(images["asset_id"], params.left, params.right, params.up, params.down)


def _recolor(request: EditRequest, images: Images) -> Image.Image:
    params = request.params
    assert isinstance(params, SearchRecolorParams)
    return recolor(images["asset_id"], params.prompt, params.select_prompt, images.get("mask_id"))


def _text_overlay(request: EditRequest, images: Images) -> Image.Image:
    params = request.params
    assert isinstance(params, TextOverlayParams)
    return draw_text(images["asset_id"], params, request.images.get("font_asset_id"))


def _watermark(request: EditRequest, images: Images) -> Image.Image:
    params = request.params
    assert isinstance(params, WatermarkParams)
    return watermark(images["asset_id"], images["logo_asset_id"], params)


def _combine(request: EditRequest, images: Images) -> Image.Image:
    params = request.params
    assert isinstance(params, ControlMultiParams)
    controls = [(c, images[name]) for c, name in zip(params.controls, CONTROL_INPUTS, strict=False)]
    return combine(images["asset_id"], controls)


OPERATIONS: dict[str, Callable[[EditRequest, Images], Image.Image]] = {
    EraseParams.KIND: _erase,
    InpaintParams.KIND: _erase,  # classical fill of a small region; the prompt cannot be honoured
    OutpaintParams.KIND: _outpaint,
    SearchRecolorParams.KIND: _recolor,
    RemoveBackgroundParams.KIND: lambda _, images: remove_background(images["asset_id"]),
    UpscaleFastParams.KIND: lambda _, images: upscale(images["asset_id"], FAST_FACTOR),
    ControlMultiParams.KIND: _combine,
    TextOverlayParams.KIND: _text_overlay,
    WatermarkParams.KIND: _watermark,
}
