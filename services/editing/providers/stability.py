"""Stability AI v2beta edit, upscale and control endpoints (multipart in, image bytes out; the
creative upscale and replace-background-and-relight are asynchronous: submit, then poll
`/v2beta/results/{id}`; `docs/providers.md` section 1.4)."""

from collections.abc import Mapping
from functools import partial
from typing import Any

import httpx

from contracts.catalog.engines import Engine
from contracts.catalog.providers.stability import STABILITY
from contracts.catalog.styles import STYLES
from contracts.params.control import StyleTransferParams
from contracts.params.edit import (
    RemoveBackgroundParams,
    ReplaceBackgroundParams,
    SearchRecolorParams,
)
from contracts.params.image_inputs import ImageJobParams
from contracts.params.upscale import UpscaleFastParams
from services.editing.providers.base import EditProvider, EditRequest, ImageTools
from services.editing.providers.payload import fitted
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.http import Connection, image_bytes, json_of, malformed
from shared.providers.polling import until_done
from shared.providers.registry import Adapter
from shared.providers.stability import refuse_filtered, stability_api

PARTS = {"asset_id": "image", "mask_id": "mask"}
"""The file part each image param travels as, unless the kind names its own."""
KIND_PARTS = {
    ReplaceBackgroundParams.KIND: {
        "asset_id": "subject_image",
        "background_asset_id": "background_reference",
        "light_asset_id": "light_reference",
    },
    StyleTransferParams.KIND: {"asset_id": "init_image", "style_asset_id": "style_image"},
    SearchRecolorParams.KIND: {"asset_id": "image"},  # the mask is for local recolours only
}
REQUEST_BUDGET = 9 * 2**20
"""Bytes of images one request may carry (the API refuses bodies over 10 MiB)."""
PLATFORM_FIELDS = {"quality", "provider", "seed", "style"}
UNSEEDED = {UpscaleFastParams.KIND, RemoveBackgroundParams.KIND}
"""Endpoints that take no seed (they are deterministic)."""


class StabilityEditing:
    name = "stability"

    def __init__(self, connection: Connection, tools: ImageTools) -> None:
        self._api = stability_api(connection, accept="image/*")
        self._routing = connection.routing
        self._tools = tools

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage:
        response = await self._post(request, engine)
        if engine.asynchronous:
            response = await self._until_done(_generation_id(response))
        refuse_filtered(response)
        seed = response.headers.get("seed")
        return ProviderImage(image_bytes(response), int(seed) if seed else None, engine.model)

    async def _post(self, request: EditRequest, engine: Engine) -> httpx.Response:
        images = await fitted(self._tools, request.images, REQUEST_BUDGET)
        path = f"v2beta/stable-image/{engine.vendor_model}"
        return await self._api.call(
            "POST", path, data=form(request), files=files(request.params, images)
        )

    async def _until_done(self, generation_id: str) -> httpx.Response:
        """The result once ready; a failed or expired generation falls back."""
        return await until_done(partial(self._result, generation_id), self._routing, "generation")

    async def _result(self, generation_id: str) -> httpx.Response | None:
        """The finished result, or None while it runs (202). A transient failure is polled
        again; a 500 means the generation itself failed."""
        try:
            response = await self._api.call("GET", f"v2beta/results/{generation_id}")
        except ProviderError as failure:
            if failure.recovery is Recovery.RETRY and failure.status != 500:
                raise
            raise _failed_generation(failure) from failure
        return response if response.status_code == 200 else None


def form(request: EditRequest) -> dict[str, str]:
    """The text fields: the params Stability knows by the same names, as strings."""
    params = request.params
    skip = PLATFORM_FIELDS | set(params.media_params())
    fields = {
        name: _text(value)
        for name, value in params.model_dump(mode="json", exclude=skip).items()
        if value is not None
    }
    if params.KIND not in UNSEEDED:
        fields["seed"] = str(request.seed)
    preset = _preset(params)
    if preset:
        fields["style_preset"] = preset
    return fields


def files(params: ImageJobParams, images: Mapping[str, bytes]) -> dict[str, tuple[str, bytes]]:
    """The image parts, named as the endpoint expects them."""
    parts = KIND_PARTS.get(params.KIND, PARTS)
    return {parts[name]: (parts[name], data) for name, data in images.items() if name in parts}


def _preset(params: ImageJobParams) -> str | None:
    style = getattr(params, "style", None)
    return STYLES[style].stability_preset if style else None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _generation_id(response: httpx.Response) -> str:
    body = json_of(response)
    generation_id = body.get("id") if isinstance(body, dict) else None
    if not isinstance(generation_id, str) or not generation_id:
        raise malformed("the asynchronous call answered no generation id")
    return generation_id


def _failed_generation(failure: ProviderError) -> ProviderError:
    return ProviderError(
        "generation_failed",
        f"the asynchronous generation failed: {failure.message}",
        recovery=Recovery.FALLBACK,
        status=failure.status,
    )


ADAPTER: Adapter[EditProvider, ImageTools] = Adapter(STABILITY, lambda c, t: StabilityEditing(c, t))
