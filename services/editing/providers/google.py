"""Google Gemini image editing: the instruction and the image in one `:generateContent` call,
the edited image back as base64 (`shared/reference/providers.md` section 4.3)."""

import base64
from typing import Any

import httpx

from contracts.catalog.editing import Engine
from contracts.params.edit import InstructParams
from services.editing.providers.base import EditRequest
from shared.images import sniff_format
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.google import gemini_image, read_error
from shared.providers.http import json_of, send
from shared.providers.settings import ProviderSettings


class GoogleEditing:
    name = "google"

    def __init__(self, http: httpx.AsyncClient, settings: ProviderSettings, key: str) -> None:
        self._http = http
        self._settings = settings
        self._headers = {"x-goog-api-key": key}

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage:
        response = await send(
            self._http,
            "POST",
            f"{self._settings.base_url}/models/{engine.vendor_model}:generateContent",
            read_error=read_error,
            timeout_s=self._settings.timeout_s,
            headers=self._headers,
            json=instruct_body(request),
        )
        return ProviderImage(gemini_image(json_of(response)), None, engine.model)


def instruct_body(request: EditRequest) -> dict[str, Any]:
    """The instruction, then the image to apply it to."""
    if not isinstance(request.params, InstructParams):
        raise ProviderError(
            "not_supported", f"Gemini does not run {request.params.KIND}", recovery=Recovery.STOP
        )
    image = request.images["asset_id"]
    fmt = sniff_format(image)
    mime = fmt.content_type if fmt else "image/png"
    text = f"Edit this image: {request.params.instruction}. Keep everything else unchanged."
    return {
        "contents": [
            {
                "role": "user",
                "parts": [
                    {"text": text},
                    {"inline_data": {"mime_type": mime, "data": base64.b64encode(image).decode()}},
                ],
            }
        ],
        "generationConfig": {"responseModalities": ["IMAGE"]},
    }
