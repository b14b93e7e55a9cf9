"""WaveSpeed v3 video: WAN 2.5 image-to-video and Hunyuan Avatar, as asynchronous predictions
with progress while they run; the finished MP4 is downloaded from the output URL
(`shared/reference/providers.md` 2.6.3, 2.6.4)."""

import base64
from functools import partial
from typing import Any

import httpx

from contracts.catalog.engines import Engine
from contracts.params.transform import AvatarParams, ImageToVideoParams
from services.transform.providers.base import TransformRequest, report_waiting
from shared.images import sniff_format
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.http import decode_base64, malformed, send
from shared.providers.settings import ProviderSettings, RoutingSettings
from shared.providers.wavespeed import Predictions, read_error

MAX_SEED = 2_147_483_647
DEFAULT_MOTION = "natural, gentle camera motion; the subject comes alive"


class WaveSpeedVideo:
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
        self._predictions = Predictions(http, settings, key, routing)

    async def transform(self, request: TransformRequest, engine: Engine) -> ProviderImage:
        waiting = partial(report_waiting, request)
        prediction = await self._predictions.run(engine.vendor_model, body(request), waiting)
        outputs = prediction.get("outputs") or []
        if not outputs or not isinstance(outputs[0], str):
            raise malformed("the completed prediction has no output")
        return ProviderImage(await self._download(outputs[0]), request.seed, engine.model)

    async def _download(self, output: str) -> bytes:
        if not output.startswith(("https://", "http://")):
            return decode_base64(output)
        response = await send(
            self._http, "GET", output, read_error=read_error, timeout_s=self._settings.timeout_s
        )
        return response.content


def body(request: TransformRequest) -> dict[str, Any]:
    """The submit body of WAN 2.5 or Hunyuan Avatar."""
    params, seed = request.params, request.seed % (MAX_SEED + 1)
    image = data_uri(request.image, _image_type(request.image))
    if isinstance(params, ImageToVideoParams):
        fields: dict[str, Any] = {
            "image": image,
            "prompt": params.prompt or DEFAULT_MOTION,
            "resolution": params.resolution,
            "duration": params.duration_s,
            "seed": seed,
        }
        if request.audio is not None:
            fields["audio"] = data_uri(request.audio, _audio_type(request.audio))
        return fields
    if isinstance(params, AvatarParams) and request.audio is not None:
        return {
            "image": image,
            "audio": data_uri(request.audio, _audio_type(request.audio)),
            "prompt": f"a {params.emotion} speaker",
            "resolution": params.resolution,
            "seed": seed,
        }
    raise ProviderError(
        "not_supported", "WaveSpeed runs videos and avatars with audio", recovery=Recovery.STOP
    )


def data_uri(data: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(data).decode()}"


def _image_type(data: bytes) -> str:
    fmt = sniff_format(data)
    return fmt.content_type if fmt else "image/png"


def _audio_type(data: bytes) -> str:
    return "audio/wav" if data[:4] == b"RIFF" else "audio/mpeg"
