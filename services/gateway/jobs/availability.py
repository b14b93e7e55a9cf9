"""Which providers can run a job now: the ones the worker serving its kind has configured and
whose circuit is not open, as that worker last reported (trusted for a second or two). The
estimate says `allowed: false` with the code the job would fail with when none can."""

import asyncio
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from contracts.billing.estimates import TransformParams, transform_engine
from contracts.catalog.models import Quality
from contracts.catalog.registry import engines, routes
from contracts.events import FailureCode
from contracts.http.billing import RefusalPublic
from contracts.http.providers import ProviderHealth
from contracts.jobs import JOB_KINDS
from contracts.params.generate import GenerateParams
from services.gateway.clients.providers import ProviderHealthClient

Health = dict[str, ProviderHealth]
OPEN = "open"


@dataclass(frozen=True)
class Option:
    """A provider's model a job may run on."""

    provider: str
    model: str


def options(kind: str, params: BaseModel) -> list[Option]:
    """What the job may run on, as asked (empty: the platform's own, which always can)."""
    if isinstance(params, GenerateParams):
        asked = routes(params.quality, params.provider, params.model)
        return [Option(spec.provider, spec.model) for spec in asked]
    if isinstance(params, TransformParams):
        engine = transform_engine(kind, params)
        return [Option(engine.provider, engine.model)]
    provider = getattr(params, "provider", None)
    if isinstance(provider, str):
        return [Option(e.provider, e.model) for e in engines(kind, quality_of(params), provider)]
    return []


def quality_of(params: BaseModel) -> Quality:
    quality = getattr(params, "quality", Quality.STANDARD)
    return quality if isinstance(quality, Quality) else Quality.STANDARD


@dataclass
class Availability:
    """The workers' provider health by service, each report trusted for `ttl_s`. A report is
    one replica's view (circuits are per replica): the one the service's address reached."""

    clients: Mapping[str, ProviderHealthClient]
    ttl_s: float
    _seen: dict[str, tuple[float, Health | None]] = field(default_factory=dict, init=False)
    _asking: dict[str, asyncio.Lock] = field(
        default_factory=lambda: defaultdict(asyncio.Lock), init=False
    )

    async def health(self, service: str) -> Health | None:
        """What `service` reports of its providers; None when it does not answer (or calls
        none). Requests that find the report stale wait for one fresh one."""
        async with self._asking[service]:
            seen = self._seen.get(service)
            if seen is not None and time.monotonic() - seen[0] < self.ttl_s:
                return seen[1]
            return await self.current(service)

    async def current(self, service: str) -> Health | None:
        """What `service` reports now (the catalog shows this), kept for `health`."""
        client = self.clients.get(service)
        health = await client.health() if client is not None else None
        self._seen[service] = (time.monotonic(), health)
        return health

    async def blocked(self, kind: str, params: BaseModel) -> RefusalPublic | None:
        """Why no provider can run the job now, or None when one can (or nobody knows: a worker
        that does not answer is not taken as a refusal; its queue keeps the job)."""
        asked = options(kind, params)
        health = await self.health(JOB_KINDS[kind].service) if asked else None
        if health is None:
            return None
        return blocked_by(asked, health)


def blocked_by(asked: Sequence[Option], health: Health) -> RefusalPublic | None:
    """None when one of `asked` can run; else which refusal, naming the providers."""
    seen = [health.get(option.provider) for option in asked]
    if any(h is None or (h.configured and h.circuit != OPEN) for h in seen):
        return None
    names = ", ".join(sorted({option.provider for option in asked}))
    if not any(h is not None and h.configured for h in seen):
        message = f"no provider that runs this is configured ({names})"
        return RefusalPublic(code=FailureCode.NO_PROVIDER_CONFIGURED, message=message)
    message = f"every provider that runs this is failing and routed around now ({names})"
    return RefusalPublic(code=FailureCode.PROVIDERS_UNAVAILABLE, message=message)
