"""Which providers a worker runs with: its adapters, one entry each naming the catalog entry it
serves, built for every provider whose API key is set, plus the platform's own engine. All HTTP
adapters share one pooled client.

The local engine has one slot per CPU thread, so its queue is the route's (where single jobs go
first) rather than the thread pool's; it keeps no slot idle for single jobs."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import httpx

from contracts.catalog.provider import ProviderEntry
from shared.cpu import CpuPool
from shared.providers.base import Provider
from shared.providers.route import Route, local_limits
from shared.providers.settings import ProviderSettings, RoutingSettings

P = TypeVar("P", bound=Provider)
K = TypeVar("K")


@dataclass(frozen=True)
class Connection:
    """What an HTTP adapter is built with: the pooled client, its provider's settings and key,
    and the routing settings (async polling)."""

    http: httpx.AsyncClient
    settings: ProviderSettings
    key: str
    routing: RoutingSettings


@dataclass(frozen=True)
class Adapter(Generic[P, K]):
    """A provider's adapter in one service: the catalog entry it serves, and how to build it
    from a connection and the service's own tools (`K`)."""

    provider: ProviderEntry
    build: Callable[[Connection, K], P]


class ProvidersConfig(Protocol):
    """Service settings with a `ProviderSettings` field named after each provider it calls."""

    @property
    def routing(self) -> RoutingSettings: ...


def configured_routes(
    adapters: Sequence[Adapter[P, K]],
    local: P,
    settings: ProvidersConfig,
    http: httpx.AsyncClient,
    tools: K,
    cpu: CpuPool,
) -> dict[str, Route[P]]:
    """A route per configured provider, by name, and one for the `local` engine."""
    routing = settings.routing
    routes = {local.name: Route.of(local, local_limits(cpu), routing, bulk_share=1)}
    for adapter in adapters:
        name = adapter.provider.name
        config = provider_settings(settings, name)
        if config.api_key is not None:
            connection = Connection(http, config, config.api_key.get_secret_value(), routing)
            built = adapter.build(connection, tools)
            routes[name] = Route.of(built, config, routing, routing.bulk_share)
    return routes


def provider_settings(settings: ProvidersConfig, name: str) -> ProviderSettings:
    """The settings field of provider `name`."""
    config = getattr(settings, name, None)
    if not isinstance(config, ProviderSettings):
        raise TypeError(f"{type(settings).__name__} has no settings for provider {name}")
    return config
