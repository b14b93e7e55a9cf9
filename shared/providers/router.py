"""Routing one image to a provider: along the job's candidate models (cheapest first), passing over
providers that are not configured or whose circuit is open, retrying transient failures with
jittered exponential backoff that honours Retry-After, within each provider's concurrency and rate
limits (a single job's call goes ahead of campaign calls waiting for a slot, and campaign calls
hold at most their share of the slots), and falling back to the next candidate when a provider
cannot serve. Every call is recorded as an `Attempt` on the job and in metrics."""

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from contracts.billing.prices import Price
from contracts.events import Attempt, AttemptOutcome, Cost, FailureCode
from contracts.http.providers import ProviderHealth
from contracts.topics import Lane
from shared.images import ImageRejectedError
from shared.providers.attempts import RoutingError, exhausted, failed, ms_since, skipped
from shared.providers.base import Offer, Provider, ProviderError, ProviderImage, Recovery
from shared.providers.breaker import CircuitState
from shared.providers.http import malformed
from shared.providers.metrics import ATTEMPTS, PROVIDER_SECONDS
from shared.providers.route import Route
from shared.providers.settings import RoutingSettings

log = logging.getLogger(__name__)
UNHEALTHY = {AttemptOutcome.ERROR, AttemptOutcome.TIMEOUT, AttemptOutcome.RATE_LIMITED}
"""Outcomes that count toward opening a provider's circuit."""


P = TypeVar("P", bound=Provider)
S = TypeVar("S", bound=Offer)


Call = Callable[[P, S], Awaitable[ProviderImage]]
"""One call of a provider for one model (the adapter's method, bound to the request)."""
Accept = Callable[[ProviderImage], Awaitable[bytes]]
"""Checks a provider's image and fits it to the request (raises `ImageRejectedError`)."""


@dataclass(frozen=True)
class Delivered(Generic[S]):
    image: ProviderImage
    data: bytes
    spec: S
    price: Price


@dataclass(frozen=True)
class _Try(Generic[P, S]):
    """What every call of one variation shares."""

    call: Call[P, S]
    variation: int
    attempts: list[Attempt]
    accept: Accept
    tenant: str
    lane: Lane


class Router(Generic[P, S]):
    def __init__(self, routes: dict[str, Route[P]], routing: RoutingSettings) -> None:
        self._routes = routes
        self._routing = routing
        self._backoff = wait_exponential_jitter(
            multiplier=routing.backoff_s, max=routing.backoff_max_s, jitter=routing.backoff_s
        )

    def health(self, providers: Sequence[str]) -> list[ProviderHealth]:
        """Each provider's configuration and circuit, as this worker sees them."""
        return [self._health(name) for name in providers]

    async def deliver(
        self,
        call: Call[P, S],
        candidates: list[tuple[S, Price]],
        variation: int,
        attempts: list[Attempt],
        accept: Accept,
        who: tuple[str, Lane],
    ) -> Delivered[S]:
        """The image from the first candidate whose `call` delivers one `accept` takes;
        `RoutingError` when none does. Every call is appended to `attempts`. `who` (tenant,
        lane) places the calls in the providers' slot queues."""
        job = _Try(call, variation, attempts, accept, *who)
        failures: list[tuple[str, ProviderError]] = []
        for spec, price in candidates:
            route = self._routes.get(spec.provider)
            if route is None or not route.breaker.allows():
                reason = "not_configured" if route is None else "circuit_open"
                attempts.append(skipped(spec, variation, reason))
                ATTEMPTS.labels(spec.provider, spec.model, reason).inc()
                continue
            try:
                image, data = await self._with_retries(route, spec, price, job)
            except ProviderError as failure:
                if failure.recovery is Recovery.STOP:
                    raise RoutingError(
                        FailureCode.PROVIDER_REFUSED,
                        f"{spec.provider} refused the request: {failure.message}",
                        retriable=False,
                        attempts=attempts,
                    ) from failure
                failures.append((spec.provider, failure))
                continue
            return Delivered(image, data, spec, price)
        offered = [spec for spec, _ in candidates]
        raise exhausted(offered, failures, attempts, self._seconds_until_trial)

    async def _with_retries(
        self, route: Route[P], spec: S, price: Price, job: _Try[P, S]
    ) -> tuple[ProviderImage, bytes]:
        retrying = AsyncRetrying(
            stop=stop_after_attempt(route.retries + 1),
            wait=self._wait,
            retry=retry_if_exception(self._worth_retrying),
            reraise=True,
        )
        last: ProviderError | None = None
        async for attempt in retrying:
            with attempt:
                # The first call was admitted by the caller; a retry asks the breaker again
                # (it may have opened during the wait, or this may be its half-open trial).
                if last is not None and not route.breaker.allows():
                    raise last
                try:
                    return await self._call(route, spec, price, job)
                except ProviderError as failure:
                    last = failure
                    raise
        raise AssertionError("unreachable: tenacity re-raises the last failure")

    def _worth_retrying(self, exc: BaseException) -> bool:
        return (
            isinstance(exc, ProviderError)
            and exc.recovery is Recovery.RETRY
            and (exc.retry_after_s or 0.0) <= self._routing.max_retry_after_s
        )

    def _wait(self, state: RetryCallState) -> float:
        """Jittered exponential backoff, never shorter than the provider's Retry-After."""
        failure = state.outcome.exception() if state.outcome else None
        retry_after = getattr(failure, "retry_after_s", None) or 0.0
        return max(self._backoff(state), retry_after)

    async def _call(
        self, route: Route[P], spec: S, price: Price, job: _Try[P, S]
    ) -> tuple[ProviderImage, bytes]:
        began = time.monotonic()
        try:
            async with route.slots.held(job.tenant, job.lane):
                await route.pace.acquire()
                began = time.monotonic()
                image = await job.call(route.provider, spec)
                latency_ms = ms_since(began)
                data = await _accepted(job.accept, spec, image)
        except ProviderError as failure:
            self._failed(route, spec, job, failure, began)
            raise
        except Exception as exc:  # an answer the adapter did not foresee: the provider's fault
            log.exception("%s answered something unexpected", spec.provider)
            odd = malformed(f"{spec.provider} answered something unexpected ({exc!r:.120})")
            self._failed(route, spec, job, odd, began)
            raise odd from exc
        except BaseException:  # cancelled: no verdict on the provider
            route.breaker.released()
            raise
        route.breaker.succeeded()
        job.attempts.append(
            Attempt(
                provider=spec.provider,
                model=spec.model,
                variation=job.variation,
                outcome=AttemptOutcome.OK,
                latency_ms=latency_ms,
                cost=Cost(credits=price.credits, usd=price.usd),
            )
        )
        self._observe(spec, AttemptOutcome.OK, began)
        return image, data

    def _failed(
        self, route: Route[P], spec: S, job: _Try[P, S], failure: ProviderError, began: float
    ) -> None:
        job.attempts.append(failed(spec, job.variation, failure, began))
        self._observe(spec, failure.outcome, began)
        if failure.outcome in UNHEALTHY:
            route.breaker.failed()
        else:
            route.breaker.released()  # a refused request says nothing of the provider's health
        log.warning("%s/%s failed: %s", spec.provider, spec.model, failure.message)

    def _observe(self, spec: Offer, outcome: AttemptOutcome, began: float) -> None:
        ATTEMPTS.labels(spec.provider, spec.model, outcome.value).inc()
        PROVIDER_SECONDS.labels(spec.provider, outcome.value).observe(time.monotonic() - began)

    def _seconds_until_trial(self, name: str) -> float:
        return self._routes[name].breaker.seconds_until_trial()

    def _health(self, name: str) -> ProviderHealth:
        route = self._routes.get(name)
        if route is None:
            return ProviderHealth(name=name, configured=False, circuit=CircuitState.CLOSED.value)
        return ProviderHealth(
            name=name,
            configured=True,
            circuit=route.breaker.state.value,
            consecutive_failures=route.breaker.consecutive_failures,
            next_trial_in_s=round(route.breaker.seconds_until_trial(), 1),
        )


def delivered_cost(attempts: list[Attempt]) -> Cost:
    """What the delivered images cost: each at the price of the engine that delivered it."""
    delivered = [a.cost for a in attempts if a.outcome is AttemptOutcome.OK]
    return Cost(
        credits=sum(c.credits for c in delivered), usd=sum((c.usd for c in delivered), Decimal(0))
    )


async def _accepted(accept: Accept, spec: Offer, image: ProviderImage) -> bytes:
    """The image as the job keeps it; a provider answer that is no usable image is the
    provider's failure (the next candidate may do better), whatever broke in it."""
    try:
        return await accept(image)
    except ImageRejectedError as exc:
        raise malformed(f"{spec.provider} answered an unusable image: {exc.message}") from exc
