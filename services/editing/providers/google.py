"""Google Gemini image editing: the instruction and the image in one `:generateContent` call,
the edited image back as base64 (`docs/providers.md` section 4.3)."""

import base64
from typing import Any

import httpx

from contracts.catalog.engines import Engine
from contracts.catalog.providers.google import GOOGLE
from contracts.params.edit import InstructParams
from contracts.params.image_inputs import ImageJobParams
from services.editing.providers.base import EditProvider, EditRequest, ImageTools
from services.editing.providers.payload import fitted
from shared.cpu import CpuPool
from shared.images import ImageLimits, sniff_format
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.google import gemini_image, read_error
from shared.providers.http import json_of, send
from shared.providers.registry import Adapter
from shared.providers.settings import ProviderSettings

REQUEST_BUDGET = 14 * 2**20
"""Bytes of image one request may carry: base64 grows it by a third, and the API takes 20 MB."""


class GoogleEditing:
    name = "google"

    def __init__(
        self,
        http: httpx.AsyncClient,
        settings: ProviderSettings,
        key: str,
        cpu: CpuPool,
        limits: ImageLimits,
    ) -> None:
        self._http = http
        self._settings = settings
        self._headers = {"x-goog-api-key": key}
        self._cpu = cpu
        self._limits = limits

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage:
        images = await fitted(self._cpu, request.images, REQUEST_BUDGET, self._limits)
        response = await send(
            self._http,
            "POST",
            f"{self._settings.base_url}/models/{engine.vendor_model}:generateContent",
            read_error=read_error,
            timeout_s=self._settings.timeout_s,
            headers=self._headers,
            json=instruct_body(request.params, images["asset_id"]),
        )
        return ProviderImage(gemini_image(json_of(response)), None, engine.model)


def instruct_body(params: ImageJobParams, image: bytes) -> dict[str, Any]:
    """The instruction, then the image to apply it to."""
    if not isinstance(params, InstructParams):
        raise ProviderError(
            "not_supported", f"Gemini does not run {params.KIND}", recovery=Recovery.STOP
        )
    fmt = sniff_format(image)
    mime = fmt.content_type if fmt else "image/png"
    text = f"Edit this image: {params.instruction}. Keep everything else unchanged."
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


ADAPTER: Adapter[EditProvider, ImageTools] = Adapter(
    GOOGLE, lambda c, t: GoogleEditing(c.http, c.settings, c.key, t.cpu, t.limits)
)
