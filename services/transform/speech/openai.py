"""OpenAI text to speech: `POST {base}/audio/speech` with a bearer key, answered with the audio
bytes (`docs/providers.md` section 5). Errors come as `{"error": {"message", "type", "code"}}`
and are classified by status like every provider's."""

import httpx

from contracts.catalog.providers.openai import OPENAI, SPEECH_MODEL
from contracts.speech import PROVIDER_VOICES
from services.transform.speech.base import SpeechProvider
from shared.providers.http import Connection, ProviderApi, malformed
from shared.providers.registry import Adapter

MAX_INPUT = 4096
"""Longest text the API speaks, in characters."""


class OpenAiSpeech:
    name = OPENAI.name

    def __init__(self, connection: Connection) -> None:
        headers = {"authorization": f"Bearer {connection.key}"}
        self._api = ProviderApi(connection, headers, read_error)

    async def speak(self, text: str, language: str, voice: str, speed: float) -> bytes:
        """WAV of `text` in the provider's voice for `voice` (it detects the language)."""
        body = {
            "model": SPEECH_MODEL,
            "input": text[:MAX_INPUT],
            "voice": PROVIDER_VOICES[voice],
            "response_format": "wav",
            "speed": round(speed, 2),
        }
        response = await self._api.call("POST", "audio/speech", json=body)
        if response.content[:4] != b"RIFF":
            raise malformed("the speech is not a WAV file")
        return response.content


def read_error(response: httpx.Response) -> tuple[str, str]:
    error = response.json()["error"]
    return f"openai_{error.get('code') or error['type']}", str(error["message"])


ADAPTER: Adapter[SpeechProvider, None] = Adapter(OPENAI, lambda c, _: OpenAiSpeech(c))
