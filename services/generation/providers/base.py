"""The provider port: what the generation service asks of any text-to-image engine."""

from dataclasses import dataclass
from typing import Protocol

from contracts.media import ImageFormat
from contracts.params.generate import Quality


@dataclass(frozen=True)
class TextToImageRequest:
    prompt: str
    negative_prompt: str | None
    width: int
    height: int
    seed: int
    output_format: ImageFormat


@dataclass(frozen=True)
class ProviderImage:
    """One encoded image as a provider returned it."""

    data: bytes
    seed: int
    model: str


class TextToImage(Protocol):
    """A text-to-image engine. `qualities` are the tiers `auto` routing may send to it."""

    name: str
    qualities: frozenset[Quality]

    async def generate(self, request: TextToImageRequest) -> ProviderImage: ...
