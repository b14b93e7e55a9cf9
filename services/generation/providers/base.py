"""The provider port: what the generation service asks of any text-to-image engine, and the one
error every adapter raises, classified so the router knows whether to retry, fall back or stop."""

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from contracts.catalog.models import ModelSpec
from contracts.events import AttemptOutcome
from contracts.media import ImageFormat, ratio_value
from shared.errors import StudioError


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


@dataclass(frozen=True)
class ProviderImage:
    """One encoded image as a provider returned it (any size or format: the service conforms)."""

    data: bytes
    seed: int | None
    model: str


class ImageProvider(Protocol):
    """A text-to-image engine; `generate` raises `ProviderError` for every failure."""

    name: str

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage: ...


class Recovery(StrEnum):
    """What may help after a failure."""

    RETRY = "retry"
    """Transient (429, 5xx, timeout, connection): retry this provider, then fall back."""
    FALLBACK = "fallback"
    """This provider cannot serve it now (bad answer, failed async job, auth): try the next."""
    STOP = "stop"
    """The request itself was refused (invalid, moderated): no provider should get it."""


class ProviderError(StudioError):
    """A provider call that did not give an image. The message is the provider's own reason
    (never a key or a URL with credentials), shown to the tenant."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        recovery: Recovery,
        status: int | None = None,
        retry_after_s: float | None = None,
        outcome: AttemptOutcome = AttemptOutcome.ERROR,
    ) -> None:
        super().__init__(code, message)
        self.recovery = recovery
        self.status = status
        self.retry_after_s = retry_after_s
        self.outcome = outcome


def nearest_ratio(width: int, height: int, allowed: tuple[str, ...]) -> str:
    """The allowed `w:h` closest to width/height (by log ratio: 2:1 is as far from 1:1 as 1:2)."""
    target = math.log(width / height)
    return min(allowed, key=lambda ratio: abs(math.log(ratio_value(ratio)) - target))
