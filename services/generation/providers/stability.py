"""Stability AI v2beta text to image: Ultra, Core and the SD 3.5 models (multipart form in, raw
image bytes out; `docs/providers.md` section 1)."""

from contracts.catalog.models import ModelSpec
from contracts.catalog.providers.stability import STABILITY
from contracts.catalog.styles import STYLES
from services.generation.providers.base import ImageProvider, ImageRequest
from shared.providers.base import ProviderImage, nearest_ratio
from shared.providers.http import Connection, image_bytes
from shared.providers.registry import Adapter
from shared.providers.stability import refuse_filtered, stability_api

ASPECT_RATIOS = ("21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21")
PATHS = {"ultra": "generate/ultra", "core": "generate/core"}


class Stability:
    name = "stability"

    def __init__(self, connection: Connection) -> None:
        self._api = stability_api(connection, accept="image/*")

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage:
        path = PATHS.get(model.vendor_model, "generate/sd3")
        response = await self._api.call(
            "POST",
            f"v2beta/stable-image/{path}",
            data=form(request, model),
            files={"none": (None, "")},  # multipart even without a file, as the API requires
        )
        refuse_filtered(response)
        seed = response.headers.get("seed")
        return ProviderImage(
            image_bytes(response), int(seed) if seed else request.seed, model.model
        )


def form(request: ImageRequest, model: ModelSpec) -> dict[str, str]:
    """The form fields of a text-to-image call."""
    fields = {
        "prompt": request.prompt,
        "aspect_ratio": nearest_ratio(request.width, request.height, ASPECT_RATIOS),
        "seed": str(request.seed),
        "output_format": request.output_format.value,
    }
    if model.vendor_model not in PATHS:
        fields["model"] = model.vendor_model
    if request.negative_prompt:
        fields["negative_prompt"] = request.negative_prompt
    preset = STYLES[request.style].stability_preset if request.style else None
    if preset:
        fields["style_preset"] = preset
    return fields


ADAPTER: Adapter[ImageProvider, None] = Adapter(STABILITY, lambda c, _: Stability(c))
