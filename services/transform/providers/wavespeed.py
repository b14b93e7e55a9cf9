"""WaveSpeed v3 video: WAN 2.5 image-to-video and Hunyuan Avatar, as asynchronous predictions
with progress while they run; the finished MP4 is downloaded from the output URL
(`docs/providers.md` 2.6.3, 2.6.4)."""

import asyncio
import base64
from functools import partial
from typing import Any

import httpx

from contracts.catalog.engines import Engine
from contracts.catalog.providers.wavespeed import WAVESPEED
from contracts.params.transform import AvatarParams, ImageToVideoParams
from services.transform.providers.base import TransformProvider, TransformRequest, report_waiting
from shared.images import sniff_format
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.http import Connection, decode_base64, failure_of, malformed
from shared.providers.registry import Adapter
from shared.providers.wavespeed import Predictions, read_error

MAX_SEED = 2_147_483_647
DOWNLOAD_TRIES = 3
DEFAULT_MOTION = "natural, gentle camera motion; the subject comes alive"


class WaveSpeedVideo:
    name = "wavespeed"

    def __init__(self, connection: Connection, max_bytes: int) -> None:
        self._http = connection.http
        self._settings = connection.settings
        self._max_bytes = max_bytes
        self._predictions = Predictions(connection)

    async def transform(self, request: TransformRequest, engine: Engine) -> ProviderImage:
        waiting = partial(report_waiting, request)
        prediction = await self._predictions.run(engine.vendor_model, body(request), waiting)
        outputs = prediction.get("outputs") or []
        if not outputs or not isinstance(outputs[0], str):
            raise malformed("the completed prediction has no output")
        return ProviderImage(await self._download(outputs[0]), request.seed, engine.model)

    async def _download(self, output: str) -> bytes:
        """The finished video: retried here, as a retry of the call would pay for a new one."""
        if not output.startswith(("https://", "http://")):
            return decode_base64(output)
        for attempt in range(DOWNLOAD_TRIES):
            try:
                return await self._fetch(output)
            except ProviderError as failure:
                if failure.recovery is not Recovery.RETRY or attempt + 1 == DOWNLOAD_TRIES:
                    raise _undelivered(failure) from failure
                await asyncio.sleep(2**attempt)
        raise AssertionError("unreachable")

    async def _fetch(self, url: str) -> bytes:
        """The body at `url`, following redirects, cut off past `max_bytes`."""
        try:
            async with self._http.stream(
                "GET", url, timeout=self._settings.timeout_s, follow_redirects=True
            ) as response:
                if response.status_code >= 400:
                    raise failure_of(response, read_error)
                return await _capped(response, self._max_bytes)
        except httpx.TimeoutException as exc:
            raise ProviderError(
                "timeout", "the download timed out", recovery=Recovery.RETRY
            ) from exc
        except httpx.HTTPError as exc:
            raise ProviderError(
                "unreachable", f"download failed: {type(exc).__name__}", recovery=Recovery.RETRY
            ) from exc


async def _capped(response: httpx.Response, max_bytes: int) -> bytes:
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise ProviderError(
                "output_too_large",
                f"the output is over {max_bytes} bytes",
                recovery=Recovery.FALLBACK,
            )
    return bytes(body)


def _undelivered(failure: ProviderError) -> ProviderError:
    return ProviderError(
        "download_failed",
        f"the finished video could not be fetched: {failure.message}",
        recovery=Recovery.FALLBACK,
        status=failure.status,
    )


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


ADAPTER: Adapter[TransformProvider, int] = Adapter(WAVESPEED, lambda c, cap: WaveSpeedVideo(c, cap))
