"""WaveSpeed v3: Qwen Image and Ideogram V3 Turbo, as asynchronous predictions
(`docs/providers.md` section 2)."""

import math
from typing import Any

from contracts.catalog.models import ModelSpec
from contracts.catalog.providers.wavespeed import WAVESPEED
from contracts.catalog.styles import STYLES
from services.generation.providers.base import ImageProvider, ImageRequest
from shared.providers.base import ProviderImage, nearest_ratio
from shared.providers.http import Connection, decode_base64, malformed
from shared.providers.registry import Adapter
from shared.providers.wavespeed import Predictions

IDEOGRAM_RATIOS = ("1:1", "16:9", "9:16", "4:3", "3:4")
QWEN_MIN_SIDE, QWEN_MAX_SIDE = 256, 1536
MAX_SEED = 2_147_483_647


class WaveSpeed:
    name = "wavespeed"

    def __init__(self, connection: Connection) -> None:
        self._predictions = Predictions(connection)

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage:
        prediction = await self._predictions.run(model.vendor_model, body(request, model))
        outputs = prediction.get("outputs") or []
        if not outputs:
            raise malformed("the completed prediction has no outputs")
        seed = request.seed % (MAX_SEED + 1) if model.seed else None
        return ProviderImage(decode_base64(outputs[0]), seed, model.model)


def body(request: ImageRequest, model: ModelSpec) -> dict[str, Any]:
    """The submit body of each model, in its own schema."""
    if model.vendor_model.startswith("ideogram-ai/"):
        style = STYLES[request.style].ideogram_style if request.style else "Auto"
        return {
            "prompt": request.prompt,
            "aspect_ratio": nearest_ratio(request.width, request.height, IDEOGRAM_RATIOS),
            "style": style,
            "enable_base64_output": True,
        }
    width, height = qwen_size(request.width, request.height)
    return {
        "prompt": request.prompt,
        "size": f"{width}*{height}",
        "seed": request.seed % (MAX_SEED + 1),
        "output_format": request.output_format.value,
        "enable_base64_output": True,
    }


def qwen_size(width: int, height: int) -> tuple[int, int]:
    """The asked shape scaled into Qwen's 256-1536 px per side (sides multiples of 8)."""
    scale = min(1.0, QWEN_MAX_SIDE / max(width, height))
    scale = max(scale, QWEN_MIN_SIDE / min(width, height))

    def fit(side: int) -> int:
        return min(QWEN_MAX_SIDE, max(QWEN_MIN_SIDE, math.floor(side * scale / 8) * 8))

    return fit(width), fit(height)


ADAPTER: Adapter[ImageProvider, None] = Adapter(WAVESPEED, lambda c, _: WaveSpeed(c))
