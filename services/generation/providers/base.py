"""The generation port: what the generation service asks of any text-to-image engine."""

from dataclasses import dataclass
from typing import Protocol

from contracts.catalog.models import ModelSpec
from contracts.media import ImageFormat
from shared.providers.base import ProviderImage


@dataclass(frozen=True)
class ImageRequest:
    """One image to make, as composed by the platform (final prompt, exact size, seed)."""

    prompt: str
    negative_prompt: str | None
    width: int
    height: int
    seed: int
    output_format: ImageFormat
    style: str | None = None


class ImageProvider(Protocol):
    """A text-to-image engine; `generate` raises `ProviderError` for every failure."""

    @property
    def name(self) -> str: ...

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage: ...
