"""What every provider adapter shares: the image it returns and the one error it raises,
classified so the router knows whether to retry, fall back or stop."""

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from contracts.events import AttemptOutcome
from contracts.media import ratio_value
from shared.errors import StudioError


@dataclass(frozen=True)
class ProviderImage:
    """One encoded image as a provider returned it (any size or format: the service conforms)."""

    data: bytes
    seed: int | None
    model: str


class Provider(Protocol):
    """Any adapter the router can place calls on."""

    @property
    def name(self) -> str: ...


class Offer(Protocol):
    """A model a provider offers, as routing knows it."""

    @property
    def provider(self) -> str: ...

    @property
    def model(self) -> str: ...


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


def refused(code: str, message: str) -> ProviderError:
    """The request itself refused (invalid for this engine, filtered): no provider should get it."""
    return ProviderError(code, message, recovery=Recovery.STOP, outcome=AttemptOutcome.REFUSED)


def nearest_ratio(width: int, height: int, allowed: tuple[str, ...]) -> str:
    """The allowed `w:h` closest to width/height (by log ratio: 2:1 is as far from 1:1 as 1:2)."""
    target = math.log(width / height)
    return min(allowed, key=lambda ratio: abs(math.log(ratio_value(ratio)) - target))
