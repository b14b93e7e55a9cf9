"""WaveSpeed v3: Qwen Image and Ideogram V3 Turbo. Asynchronous: submit, then poll the prediction
until it completes or fails (`shared/reference/providers.md` section 2)."""

import asyncio
import math
import time
from typing import Any

import httpx

from contracts.catalog.models import ModelSpec
from contracts.catalog.styles import STYLES
from services.generation.providers.base import ImageRequest
from shared.providers.base import ProviderError, ProviderImage, Recovery, nearest_ratio
from shared.providers.http import decode_base64, json_of, malformed, send
from shared.providers.settings import ProviderSettings, RoutingSettings

IDEOGRAM_RATIOS = ("1:1", "16:9", "9:16", "4:3", "3:4")
QWEN_MIN_SIDE, QWEN_MAX_SIDE = 256, 1536
MAX_SEED = 2_147_483_647


class WaveSpeed:
    name = "wavespeed"

    def __init__(
        self,
        http: httpx.AsyncClient,
        settings: ProviderSettings,
        key: str,
        routing: RoutingSettings,
    ) -> None:
        self._http = http
        self._settings = settings
        self._routing = routing
        self._headers = {"Authorization": f"Bearer {key}"}

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage:
        submitted = await self._call("POST", model.vendor_model, json=body(request, model))
        prediction = await self._until_done(submitted)
        outputs = prediction.get("outputs") or []
        if not outputs:
            raise malformed("the completed prediction has no outputs")
        seed = request.seed % (MAX_SEED + 1) if model.seed else None
        return ProviderImage(decode_base64(outputs[0]), seed, model.model)

    async def _until_done(self, prediction: dict[str, Any]) -> dict[str, Any]:
        """Poll until the prediction ends; a failed one raises with WaveSpeed's own error. A
        poll that fails transiently is polled again (submitting anew would pay twice)."""
        deadline = time.monotonic() + self._routing.async_deadline_s
        pause = self._routing.poll_interval_s
        while True:
            status = prediction.get("status")
            if status == "completed":
                return prediction
            if status in ("failed", "cancelled", "timeout"):
                reason = prediction.get("error") or f"prediction {status}"
                raise ProviderError("prediction_failed", str(reason), recovery=Recovery.FALLBACK)
            if time.monotonic() + pause > deadline:
                raise ProviderError(
                    "prediction_timeout",
                    f"prediction not done after {self._routing.async_deadline_s:.0f}s",
                    recovery=Recovery.FALLBACK,
                )
            await asyncio.sleep(pause)
            try:
                prediction = await self._call("GET", f"predictions/{prediction['id']}/result")
                pause = self._routing.poll_interval_s
            except ProviderError as failure:
                if failure.recovery is not Recovery.RETRY:
                    raise
                pause = max(self._routing.poll_interval_s, failure.retry_after_s or 0.0)

    async def _call(self, method: str, path: str, **request: Any) -> dict[str, Any]:
        response = await send(
            self._http,
            method,
            f"{self._settings.base_url}/{path}",
            read_error=read_error,
            timeout_s=self._settings.timeout_s,
            headers=self._headers,
            **request,
        )
        envelope = json_of(response)
        data = envelope.get("data") if isinstance(envelope, dict) else None
        if not isinstance(data, dict) or "id" not in data:
            raise malformed("the answer has no prediction in `data`")
        return data


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


def read_error(response: httpx.Response) -> tuple[str, str]:
    body = response.json()
    return f"wavespeed_{body['code']}", str(body["message"])
