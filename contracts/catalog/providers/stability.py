"""Stability AI v2beta: text to image (Ultra, Core, SD 3.5), edits, upscales, control and image
to 3D (`docs/providers.md` section 1)."""

from contracts.billing.prices import ISSUE, Price, per_image
from contracts.catalog.engines import Engine
from contracts.catalog.models import ModelSpec, Quality, model_spec
from contracts.catalog.provider import ProviderEntry
from contracts.params.control import (
    ControlSketchParams,
    ControlStructureParams,
    ControlStyleParams,
    StyleTransferParams,
)
from contracts.params.edit import (
    EraseParams,
    InpaintParams,
    OutpaintParams,
    RemoveBackgroundParams,
    ReplaceBackgroundParams,
    SearchRecolorParams,
    SearchReplaceParams,
)
from contracts.params.generate import GenerateParams
from contracts.params.transform import ImageTo3DParams
from contracts.params.upscale import (
    UpscaleConservativeParams,
    UpscaleCreativeParams,
    UpscaleFastParams,
)

NAME = "stability"
SOURCE = "Stability v2beta spec (docs/providers.md section 1.3; 1 credit = $0.01, third-party)"
UPSCALE_NOTE = (
    "credits: seed figure of the billing issue; USD: the Stability spec snapshot (2/40/60 of its "
    "credits), so conservative and creative upscales sell below cost until the prices change"
)
S, P = Quality.STANDARD, Quality.PREMIUM


def _model(name: str, tier: Quality, *, routable: bool = False) -> ModelSpec:
    return model_spec(
        NAME,
        name,
        name,
        tier,
        negative=True,
        seed=True,
        sizing="aspect",
        routable=routable,
        style_presets="stability",
    )


def _engine(kind: str, path: str, *, asynchronous: bool = False) -> Engine:
    name = path.rsplit("/", 1)[-1]
    return Engine(
        kind=kind, provider=NAME, model=name, vendor_model=path, asynchronous=asynchronous
    )


def _generate(model: str, credits: int, usd: str, seconds: float, source: str) -> Price:
    return per_image(GenerateParams.KIND, NAME, model, credits, usd, seconds, source)


def _edit(kind: str, model: str, credits: int, seconds: float) -> Price:
    return per_image(kind, NAME, model, credits, f"{credits / 100:.2f}", seconds, SOURCE)


MODELS = (
    _model("core", S, routable=True),
    _model("ultra", P, routable=True),
    _model("sd3.5-large", P),
    _model("sd3.5-large-turbo", S),
    _model("sd3.5-medium", S),
    _model("sd3.5-flash", S),
)
ENGINES = (
    _engine(EraseParams.KIND, "edit/erase"),
    _engine(InpaintParams.KIND, "edit/inpaint"),
    _engine(OutpaintParams.KIND, "edit/outpaint"),
    _engine(SearchReplaceParams.KIND, "edit/search-and-replace"),
    _engine(SearchRecolorParams.KIND, "edit/search-and-recolor"),
    _engine(RemoveBackgroundParams.KIND, "edit/remove-background"),
    _engine(ReplaceBackgroundParams.KIND, "edit/replace-background-and-relight", asynchronous=True),
    _engine(UpscaleFastParams.KIND, "upscale/fast"),
    _engine(UpscaleConservativeParams.KIND, "upscale/conservative"),
    _engine(UpscaleCreativeParams.KIND, "upscale/creative", asynchronous=True),
    _engine(ControlSketchParams.KIND, "control/sketch"),
    _engine(ControlStructureParams.KIND, "control/structure"),
    _engine(ControlStyleParams.KIND, "control/style"),
    _engine(StyleTransferParams.KIND, "control/style-transfer"),
    _engine(ImageTo3DParams.KIND, "3d/stable-fast-3d"),
    _engine(ImageTo3DParams.KIND, "3d/stable-point-aware-3d"),
)
PRICES = (
    _generate("ultra", 8, "0.08", 8, f"{ISSUE}; {SOURCE}"),
    _generate("core", 3, "0.03", 4, f"{ISSUE}; {SOURCE}"),
    _generate("sd3.5-large", 7, "0.065", 6, f"{SOURCE} (6.5 credits, rounded up)"),
    _generate("sd3.5-large-turbo", 4, "0.04", 3, SOURCE),
    _generate("sd3.5-medium", 4, "0.035", 4, f"{SOURCE} (3.5, rounded up)"),
    _generate("sd3.5-flash", 3, "0.025", 2, f"{SOURCE} (2.5, rounded up)"),
    per_image(UpscaleFastParams.KIND, NAME, "fast", 2, "0.02", 2, UPSCALE_NOTE),
    per_image(UpscaleConservativeParams.KIND, NAME, "conservative", 6, "0.40", 10, UPSCALE_NOTE),
    per_image(UpscaleCreativeParams.KIND, NAME, "creative", 4, "0.60", 40, UPSCALE_NOTE),
    _edit(EraseParams.KIND, "erase", 5, 5),
    _edit(InpaintParams.KIND, "inpaint", 5, 5),
    _edit(OutpaintParams.KIND, "outpaint", 4, 5),
    _edit(SearchReplaceParams.KIND, "search-and-replace", 5, 6),
    _edit(SearchRecolorParams.KIND, "search-and-recolor", 5, 6),
    _edit(RemoveBackgroundParams.KIND, "remove-background", 5, 3),
    _edit(ReplaceBackgroundParams.KIND, "replace-background-and-relight", 8, 30),
    _edit(ControlSketchParams.KIND, "sketch", 5, 6),
    _edit(ControlStructureParams.KIND, "structure", 5, 6),
    _edit(ControlStyleParams.KIND, "style", 5, 6),
    _edit(StyleTransferParams.KIND, "style-transfer", 8, 8),
    _edit(ImageTo3DParams.KIND, "stable-fast-3d", 10, 10),
    _edit(ImageTo3DParams.KIND, "stable-point-aware-3d", 4, 20),
)
STABILITY = ProviderEntry(
    NAME, MODELS, ENGINES, PRICES, base_url="https://api.stability.ai", rate_per_s=15.0
)
