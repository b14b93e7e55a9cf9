"""The platform's own CPU engines (`local`): classical edits, a fast upscale, pan-and-zoom video
and the social optimizer. Labelled `local` on every result."""

from contracts.billing.plans import RESOLUTIONS
from contracts.billing.prices import PLATFORM, Price, Unit, per_image, per_resolution
from contracts.catalog.engines import LOCAL, Engine
from contracts.catalog.provider import ProviderEntry
from contracts.params.edit import (
    EraseParams,
    InpaintParams,
    OutpaintParams,
    RemoveBackgroundParams,
    SearchRecolorParams,
)
from contracts.params.multi_control import ControlMultiParams
from contracts.params.optimize import OptimizeParams
from contracts.params.overlay import TextOverlayParams, WatermarkParams
from contracts.params.transform import ImageToVideoParams
from contracts.params.upscale import UpscaleFastParams

OPTIMIZER = "optimizer"
KEN_BURNS = "ken-burns"
IMAGE_ALGORITHMS = [
    (EraseParams.KIND, "opencv-inpaint"),
    (InpaintParams.KIND, "opencv-inpaint"),
    (OutpaintParams.KIND, "edge-extend"),
    (SearchRecolorParams.KIND, "hue-shift"),
    (RemoveBackgroundParams.KIND, "grabcut"),
    (UpscaleFastParams.KIND, "lanczos-sharpen"),
    (ControlMultiParams.KIND, "control-composite"),
    (TextOverlayParams.KIND, "raqm-text"),
    (WatermarkParams.KIND, "alpha-composite"),
]
"""The edit and upscale kinds with a local algorithm, and the algorithm's name."""


def _engine(kind: str, model: str) -> Engine:
    return Engine(kind=kind, provider=LOCAL, model=model, vendor_model=model)


def _image(kind: str, model: str) -> Price:
    return per_image(kind, LOCAL, model, 1, "0", 2, PLATFORM)


ENGINES = (
    *[_engine(kind, model) for kind, model in IMAGE_ALGORITHMS],
    _engine(ImageToVideoParams.KIND, KEN_BURNS),
)
PRICES = (
    *[_image(kind, model) for kind, model in IMAGE_ALGORITHMS],
    *per_resolution(
        ImageToVideoParams.KIND,
        LOCAL,
        KEN_BURNS,
        Unit.FIVE_SECONDS,
        [(resolution, 1, "0") for resolution in RESOLUTIONS],
        3,
        f"{PLATFORM}: pan-and-zoom encoded on the CPU, 1 credit per 5 s",
    ),
    per_image(
        OptimizeParams.KIND,
        LOCAL,
        OPTIMIZER,
        1,
        "0",
        2,
        f"{PLATFORM}: 1 credit per source image, whatever the number of formats",
    ),
)
LOCAL_ENGINES = ProviderEntry(LOCAL, engines=ENGINES, prices=PRICES)
