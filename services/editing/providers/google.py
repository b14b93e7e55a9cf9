"""Google Gemini image editing: the instruction and the image in one `:generateContent` call,
the edited image back as base64 (`docs/providers.md` section 4.3)."""

import base64
from typing import Any

from contracts.catalog.engines import Engine
from contracts.catalog.providers.google import GOOGLE
from contracts.params.edit import InstructParams
from contracts.params.image_inputs import ImageJobParams
from services.editing.providers.base import EditProvider, EditRequest, ImageTools
from services.editing.providers.payload import fitted
from shared.images import sniff_format
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.google import gemini_api, gemini_image
from shared.providers.http import Connection, json_of
from shared.providers.registry import Adapter

REQUEST_BUDGET = 14 * 2**20
"""Bytes of image one request may carry: base64 grows it by a third, and the API takes 20 MB."""


class GoogleEditing:
    name = "google"

    def __init__(self, connection: Connection, tools: ImageTools) -> None:
        self._api = gemini_api(connection)
        self._tools = tools

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage:
        images = await fitted(self._tools, request.images, REQUEST_BUDGET)
        response = await self._api.call(
            "POST",
            f"models/{engine.vendor_model}:generateContent",
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


ADAPTER: Adapter[EditProvider, ImageTools] = Adapter(GOOGLE, lambda c, t: GoogleEditing(c, t))
