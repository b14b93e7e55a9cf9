"""The record of routing: an `Attempt` per call or pass-over, and the `RoutingError` that
carries them all when no candidate delivered."""

import time
from collections.abc import Callable, Sequence

from contracts.events import Attempt, AttemptOutcome, FailureCode
from shared.errors import PermanentError
from shared.providers.base import Offer, ProviderError


class RoutingError(PermanentError):
    """No candidate delivered; carries every attempt. `retriable`: a later resubmission may
    succeed (providers failing now), unlike a refused request or a missing configuration."""

    def __init__(
        self, code: str, message: str, *, retriable: bool, attempts: list[Attempt]
    ) -> None:
        super().__init__(code, message)
        self.retriable = retriable
        self.attempts = attempts

    @property
    def public_message(self) -> str:
        return self.message  # the providers' own reasons; they carry no secrets


def skipped(spec: Offer, variation: int, reason: str) -> Attempt:
    """A candidate passed over (`not_configured`, `circuit_open`)."""
    return Attempt(
        provider=spec.provider,
        model=spec.model,
        variation=variation,
        outcome=AttemptOutcome.SKIPPED,
        code=reason,
    )


def failed(spec: Offer, variation: int, failure: ProviderError, began: float) -> Attempt:
    """A call that ended in `failure`."""
    return Attempt(
        provider=spec.provider,
        model=spec.model,
        variation=variation,
        outcome=failure.outcome,
        code=failure.code,
        message=failure.message,
        status=failure.status,
        latency_ms=ms_since(began),
        retry_after_s=failure.retry_after_s,
    )


def exhausted(
    needed: Sequence[Offer],
    failures: list[tuple[str, ProviderError]],
    attempts: list[Attempt],
    seconds_until_trial: Callable[[str], float],
) -> RoutingError:
    """Why none of the `needed` candidates delivered: they failed, their circuits are open, or
    none is configured."""
    if failures:
        reasons = "; ".join(f"{name}: {failure.message}" for name, failure in failures)
        return RoutingError(
            FailureCode.PROVIDER_ERROR,
            f"every provider tried failed ({reasons})",
            retriable=True,
            attempts=attempts,
        )
    open_circuits = sorted({a.provider for a in attempts if a.code == "circuit_open"})
    if open_circuits:
        wait = min(map(seconds_until_trial, open_circuits))
        return RoutingError(
            FailureCode.PROVIDERS_UNAVAILABLE,
            f"every provider for this request is failing (circuit open: "
            f"{', '.join(open_circuits)}; next trial in {wait:.0f}s)",
            retriable=True,
            attempts=attempts,
        )
    names = sorted({spec.provider for spec in needed})
    return RoutingError(
        FailureCode.NO_PROVIDER_CONFIGURED,
        f"no configured provider can run this request (it needs one of: {', '.join(names)}); "
        "configure a provider API key, or ask for quality 'draft' where the platform has a "
        "local engine",
        retriable=False,
        attempts=attempts,
    )


def ms_since(began: float) -> int:
    return int((time.monotonic() - began) * 1000)
