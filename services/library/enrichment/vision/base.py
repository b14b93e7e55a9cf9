"""The vision port: what the enricher asks of a vision model."""

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Vision:
    """What a vision model saw: a caption and labels, best first."""

    caption: str | None
    labels: list[str] = field(default_factory=list)


class VisionProvider(Protocol):
    name: str

    async def describe(self, image: bytes, content_type: str) -> Vision:
        """Caption and label an encoded image; raises `ProviderError` when the call fails."""
        ...
