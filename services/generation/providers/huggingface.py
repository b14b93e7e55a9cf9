"""Hugging Face Inference (hf-inference): FLUX.1 dev and FLUX.1 Krea dev. JSON `{inputs,
parameters}` in, raw image bytes out (`docs/providers.md` section 3)."""

from typing import Any

import httpx

from contracts.catalog.models import ModelSpec
from contracts.catalog.providers.huggingface import HUGGINGFACE
from services.generation.providers.base import ImageProvider, ImageRequest
from shared.providers.base import ProviderImage
from shared.providers.http import Connection, ProviderApi, image_bytes
from shared.providers.registry import Adapter

SIDE_STEP = 16  # FLUX works in 16-pixel latent blocks
MAX_SIDE = 2048  # larger asks are made at this size and scaled by the service


class HuggingFace:
    name = "huggingface"

    def __init__(self, connection: Connection) -> None:
        headers = {"Authorization": f"Bearer {connection.key}", "Accept": "image/png"}
        self._api = ProviderApi(connection, headers, read_error)

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage:
        response = await self._api.call("POST", f"models/{model.vendor_model}", json=body(request))
        return ProviderImage(image_bytes(response), request.seed, model.model)


def body(request: ImageRequest) -> dict[str, Any]:
    scale = min(1.0, MAX_SIDE / max(request.width, request.height))
    parameters: dict[str, Any] = {
        "width": _step(request.width * scale),
        "height": _step(request.height * scale),
        "seed": request.seed,
    }
    if request.negative_prompt:
        parameters["negative_prompt"] = request.negative_prompt
    return {"inputs": request.prompt, "parameters": parameters}


def _step(side: float) -> int:
    return max(64, min(MAX_SIDE, round(side / SIDE_STEP) * SIDE_STEP))


def read_error(response: httpx.Response) -> tuple[str, str]:
    body = response.json()
    message = body.get("error") or body.get("detail") or body.get("message")
    return f"huggingface_{response.status_code}", str(message)


ADAPTER: Adapter[ImageProvider, None] = Adapter(HUGGINGFACE, lambda c, _: HuggingFace(c))
