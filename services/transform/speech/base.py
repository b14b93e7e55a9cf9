"""The speech port: what the speaker asks of any voice, local or a provider's."""

from typing import Protocol


class SpeechProvider(Protocol):
    """A voice; raises `ProviderError` (a provider) or `PermanentError` (the local voice)."""

    @property
    def name(self) -> str: ...

    async def speak(self, text: str, language: str, voice: str, speed: float) -> bytes:
        """WAV of `text` said `speed` times the voice's usual rate."""
        ...
