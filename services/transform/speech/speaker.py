"""Who says a job's `tts_text` (`auto`: the local voice for draft videos and when no speech
provider is configured, else the provider), and its speech fitted to the video: said faster (up to
`MAX_SPEEDUP`) when it runs long, then padded with silence to exactly the video's length,
so the output lasts what was priced."""

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from contracts.catalog.models import Quality
from contracts.params.transform import AvatarParams, ImageToVideoParams
from contracts.speech import MAX_SPEEDUP
from services.transform.speech import espeak
from services.transform.speech.base import SpeechProvider
from shared.audio import inspect_audio
from shared.cpu import CpuPool
from shared.errors import PermanentError, RetryableError
from shared.ffmpeg import run_ffmpeg
from shared.providers.base import ProviderError, Recovery
from shared.providers.http import Connection
from shared.providers.registry import Adapter, ProvidersConfig

MAX_SPEECH_BYTES = 64 * 2**20
FIT_MARGIN = 1.03
"""Speeding up aims 3 % short of the video's length (speech rates are not exact)."""


class LocalSpeech:
    """The local draft voice on the CPU pool."""

    name = "local"

    def __init__(self, cpu: CpuPool) -> None:
        self._cpu = cpu

    async def speak(self, text: str, language: str, voice: str, speed: float) -> bytes:
        return await self._cpu.run(espeak.speak, text, language, voice, speed)


def speech_providers(
    adapters: Sequence[Adapter[SpeechProvider, None]],
    settings: ProvidersConfig,
    http: httpx.AsyncClient,
) -> dict[str, SpeechProvider]:
    """The speech providers with an API key, by name."""
    found: dict[str, SpeechProvider] = {}
    for adapter in adapters:
        config = settings.providers[adapter.provider.name]
        connection = Connection.of(http, config, settings.routing)
        if connection is not None:
            found[adapter.provider.name] = adapter.build(connection, None)
    return found


@dataclass
class Speaker:
    """Speech for a job: by the asked provider, the configured one (`auto`), or locally."""

    providers: Mapping[str, SpeechProvider]
    local: SpeechProvider
    cpu: CpuPool

    def voice_for(self, asked: str, draft: bool) -> SpeechProvider:
        """The asked voice; `auto`: the local voice for a draft video, else the configured
        provider (the first), else the local voice."""
        if asked == "local" or (asked == "auto" and draft):
            return self.local
        if asked == "auto":
            return next(iter(self.providers.values()), self.local)
        if asked not in self.providers:
            raise PermanentError(
                "speech_provider_not_configured",
                f"{asked} speech is not configured on this platform: use tts_provider "
                "auto or local",
            )
        return self.providers[asked]

    async def speech(self, params: ImageToVideoParams | AvatarParams) -> bytes:
        """WAV of the job's `tts_text`, exactly `duration_s` long; raises `PermanentError`
        `speech_too_long` when even said faster it does not fit, or the voice's failure."""
        assert params.tts_text is not None
        draft = isinstance(params, ImageToVideoParams) and params.quality is Quality.DRAFT
        voice, seconds = self.voice_for(params.tts_provider, draft), float(params.duration_s)
        said = (params.tts_text, params.tts_language, params.tts_voice)
        wav = await _said(voice, said, 1.0)
        length = await self._length(wav)
        if length > seconds:
            speed = length / seconds * FIT_MARGIN
            if speed > MAX_SPEEDUP:
                raise _too_long(length, seconds)
            wav = await _said(voice, said, speed)
            if await self._length(wav) > seconds:
                raise _too_long(length, seconds)
        return await self.cpu.run(padded, wav, seconds)

    async def _length(self, wav: bytes) -> float:
        return (await self.cpu.run(inspect_audio, wav, MAX_SPEECH_BYTES)).duration_s


async def _said(voice: SpeechProvider, said: tuple[str, str, str], speed: float) -> bytes:
    """The voice's speech; a provider's failure becomes the job's: retried by the consumer
    when it may pass (429, 5xx, timeouts), else ending the job with the provider's reason."""
    try:
        return await voice.speak(*said, speed)
    except ProviderError as failure:
        message = f"the speech provider ({voice.name}) failed: {failure.message}"
        if failure.recovery is Recovery.RETRY:
            raise RetryableError(failure.code, message) from failure
        raise PermanentError(failure.code, message) from failure


def padded(wav: bytes, seconds: float) -> bytes:
    """`wav` padded with silence to `seconds`, as 16-bit mono WAV at its own rate (CPU work)."""
    with tempfile.TemporaryDirectory(prefix="speech-") as folder:
        output = Path(folder) / "speech.wav"  # a file: its WAV header then holds the length
        args = ["-f", "wav", "-i", "pipe:0", "-af", "apad", "-t", f"{seconds:.3f}"]
        run_ffmpeg([*args, "-c:a", "pcm_s16le", "-ac", "1", str(output)], wav)
        return output.read_bytes()


def _too_long(length: float, seconds: float) -> PermanentError:
    return PermanentError(
        "speech_too_long",
        f"the speech lasts {length:.1f} s, too long for a {seconds:g} s video even said "
        f"{MAX_SPEEDUP:g}x faster: raise duration_s or shorten tts_text",
    )
