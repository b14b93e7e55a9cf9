"""Google Gemini API: Imagen 4 (`:predict`) and Gemini image generation (`:generateContent`);
JSON in, base64 images out (`docs/providers.md` section 4). Also the Gemini text
model the prompt enhancer may use."""

from typing import Any

from contracts.catalog.models import ModelSpec
from contracts.catalog.providers.google import GOOGLE
from services.generation.providers.base import ImageProvider, ImageRequest
from shared.providers.base import ProviderImage, nearest_ratio
from shared.providers.google import filtered, gemini_api, gemini_image, parts_of
from shared.providers.http import Connection, decode_base64, json_of, malformed
from shared.providers.registry import Adapter

IMAGEN_RATIOS = ("1:1", "3:4", "4:3", "9:16", "16:9")
GEMINI_RATIOS = ("1:1", "2:3", "3:2", "3:4", "4:3", "9:16", "16:9", "21:9")


class Google:
    name = "google"

    def __init__(self, connection: Connection) -> None:
        self._api = gemini_api(connection)

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage:
        if model.vendor_model.startswith("imagen-"):
            answer = await self._call(f"{model.vendor_model}:predict", imagen_body(request))
            data = imagen_image(answer)
        else:
            answer = await self._call(f"{model.vendor_model}:generateContent", gemini_body(request))
            data = gemini_image(answer)
        return ProviderImage(data, None, model.model)

    async def complete_text(self, model: str, instruction: str) -> str:
        """One text answer of a Gemini text model."""
        body = {"contents": [{"role": "user", "parts": [{"text": instruction}]}]}
        answer = await self._call(f"{model}:generateContent", body)
        texts = [part.get("text", "") for part in parts_of(answer)]
        text = " ".join(t for t in texts if t).strip()
        if not text:
            raise malformed("the text model answered no text")
        return text

    async def _call(self, path: str, body: dict[str, Any]) -> Any:
        return json_of(await self._api.call("POST", f"models/{path}", json=body))


def imagen_body(request: ImageRequest) -> dict[str, Any]:
    return {
        "instances": [{"prompt": request.prompt}],
        "parameters": {
            "sampleCount": 1,
            "aspectRatio": nearest_ratio(request.width, request.height, IMAGEN_RATIOS),
            "personGeneration": "allow_adult",
        },
    }


def gemini_body(request: ImageRequest) -> dict[str, Any]:
    text = request.prompt
    if request.negative_prompt:  # Gemini takes instructions, not a negative prompt field
        text += f". Avoid: {request.negative_prompt}."
    ratio = nearest_ratio(request.width, request.height, GEMINI_RATIOS)
    return {
        "contents": [{"role": "user", "parts": [{"text": text}]}],
        "generationConfig": {
            "responseModalities": ["IMAGE"],
            "imageConfig": {"aspectRatio": ratio},
        },
    }


def imagen_image(answer: Any) -> bytes:
    predictions = answer.get("predictions") if isinstance(answer, dict) else None
    if not predictions:
        raise filtered("Imagen returned no image (filtered by its safety settings)")
    return decode_base64(predictions[0].get("bytesBase64Encoded"))


ADAPTER: Adapter[ImageProvider, None] = Adapter(GOOGLE, lambda c, _: Google(c))
