"""Stability AI v2beta edit, upscale and control endpoints (multipart in, image bytes out; the
creative upscale and replace-background-and-relight are asynchronous: submit, then poll
`/v2beta/results/{id}`; `docs/providers.md` section 1.4)."""

import asyncio
import time
from collections.abc import Mapping
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
from shared.cpu import CpuPool
from shared.images import ImageLimits
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.http import image_bytes, json_of, malformed, send
from shared.providers.registry import Adapter
from shared.providers.settings import ProviderSettings, RoutingSettings
from shared.providers.stability import read_error, refuse_filtered

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

    def __init__(
        self,
        http: httpx.AsyncClient,
        settings: ProviderSettings,
        routing: RoutingSettings,
        key: str,
        cpu: CpuPool,
        limits: ImageLimits,
    ) -> None:
        self._http = http
        self._settings = settings
        self._routing = routing
        self._headers = {"authorization": f"Bearer {key}"}
        self._cpu = cpu
        self._limits = limits

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage:
        response = await self._post(request, engine)
        if engine.asynchronous:
            response = await self._until_done(_generation_id(response))
        refuse_filtered(response)
        seed = response.headers.get("seed")
        return ProviderImage(image_bytes(response), int(seed) if seed else None, engine.model)

    async def _post(self, request: EditRequest, engine: Engine) -> httpx.Response:
        images = await fitted(self._cpu, request.images, REQUEST_BUDGET, self._limits)
        path = f"stable-image/{engine.vendor_model}"
        return await self._send(
            "POST", path, data=form(request), files=files(request.params, images)
        )

    async def _until_done(self, generation_id: str) -> httpx.Response:
        """Poll the result until it is ready. A poll that fails transiently is polled again
        (submitting anew would pay twice); a failed or expired generation falls back."""
        deadline = time.monotonic() + self._routing.async_deadline_s
        pause = self._routing.poll_interval_s
        while time.monotonic() + pause <= deadline:
            await asyncio.sleep(pause)
            try:
                response = await self._poll(generation_id)
            except ProviderError as failure:
                if failure.recovery is not Recovery.RETRY or failure.status == 500:
                    raise _failed_generation(failure) from failure
                pause = max(self._routing.poll_interval_s, failure.retry_after_s or 0.0)
                continue
            if response.status_code == 200:
                return response
            pause = self._routing.poll_interval_s
        raise ProviderError(
            "generation_timeout",
            f"generation not done after {self._routing.async_deadline_s:.0f}s",
            recovery=Recovery.FALLBACK,
        )

    async def _poll(self, generation_id: str) -> httpx.Response:
        return await self._send("GET", f"results/{generation_id}")

    async def _send(self, method: str, path: str, **request: Any) -> httpx.Response:
        return await send(
            self._http,
            method,
            f"{self._settings.base_url}/v2beta/{path}",
            read_error=read_error,
            timeout_s=self._settings.timeout_s,
            headers=self._headers | {"accept": "image/*"},
            **request,
        )


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


ADAPTER: Adapter[EditProvider, ImageTools] = Adapter(
    STABILITY, lambda c, t: StabilityEditing(c.http, c.settings, c.routing, c.key, t.cpu, t.limits)
)
