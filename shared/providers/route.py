"""A route: one configured provider with its circuit breaker, slots and pace."""

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

from aiolimiter import AsyncLimiter

from shared.cpu import CpuPool
from shared.providers.base import Provider
from shared.providers.breaker import CircuitBreaker, CircuitState
from shared.providers.metrics import CIRCUIT
from shared.providers.settings import ProviderSettings, RoutingSettings
from shared.slots import Slots

CIRCUIT_VALUES = {CircuitState.CLOSED: 0, CircuitState.HALF_OPEN: 1, CircuitState.OPEN: 2}
P = TypeVar("P", bound=Provider)


@dataclass
class Route(Generic[P]):
    """A configured provider with its breaker and limits."""

    provider: P
    breaker: CircuitBreaker
    slots: Slots
    pace: AsyncLimiter
    retries: int

    @classmethod
    def of(
        cls,
        provider: P,
        settings: ProviderSettings,
        routing: RoutingSettings,
        bulk_share: float,
    ) -> "Route[P]":
        """A route whose campaign calls hold at most `bulk_share` of its slots."""
        bulk = math.ceil(bulk_share * settings.concurrency)
        route = cls(
            provider=provider,
            breaker=CircuitBreaker(routing.breaker_failures, routing.breaker_open_s),
            slots=Slots(settings.concurrency, bulk=bulk),
            pace=AsyncLimiter(settings.rate_per_s, 1.0),
            retries=settings.retries,
        )
        CIRCUIT.labels(provider.name).set_function(lambda: CIRCUIT_VALUES[route.breaker.state])
        return route


def local_limits(cpu: CpuPool) -> ProviderSettings:
    """Limits of the platform's own engine: one slot per CPU thread, never paced or retried."""
    return ProviderSettings(base_url="local", concurrency=cpu.workers, rate_per_s=10_000, retries=0)
