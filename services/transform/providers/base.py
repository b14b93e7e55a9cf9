"""The transform port: what the transform service asks of any engine that turns an image into a
video or a 3D model. Engines return the encoded output as a `ProviderImage` (its bytes)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from contracts.billing.estimates import TransformParams
from contracts.catalog.engines import Engine
from shared.providers.base import ProviderImage

Progress = Callable[[int, str], Awaitable[None]]
"""Reports a running job's progress: (percent 0-99, phrase)."""


@dataclass(frozen=True)
class TransformRequest:
    """One transform as the platform asks it: the params, the source image, the audio (if
    any), the seed, how long the output should take to make, and where to report progress."""

    params: TransformParams
    image: bytes
    audio: bytes | None
    seed: int
    expected_s: float
    progress: Progress


class TransformProvider(Protocol):
    """A video or 3D engine; raises `ProviderError` for every failure."""

    @property
    def name(self) -> str: ...

    async def transform(self, request: TransformRequest, engine: Engine) -> ProviderImage: ...


async def report_waiting(request: TransformRequest, waited_s: float) -> None:
    """Progress while a provider works: the share of the expected time, held below 100."""
    percent = min(95, max(1, round(100 * waited_s / max(request.expected_s, 1.0))))
    await request.progress(percent, f"the provider is working ({waited_s:.0f} s)")
