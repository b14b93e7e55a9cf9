"""Which providers a worker runs with: its adapters, each declared by its own module as
`ADAPTER` (naming the catalog entry it serves), built for every provider whose API key is set,
plus the platform's own engine. All HTTP adapters share one pooled client.

The local engine has one slot per CPU thread, so its queue is the route's (where single jobs go
first) rather than the thread pool's; it keeps no slot idle for single jobs."""

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, Protocol, TypeVar

import httpx

from contracts.catalog.provider import ProviderEntry
from shared.cpu import CpuPool
from shared.providers.base import Provider
from shared.providers.http import Connection
from shared.providers.route import Route, local_limits
from shared.providers.settings import ProviderSettings, RoutingSettings

P = TypeVar("P", bound=Provider)
K = TypeVar("K")


@dataclass(frozen=True)
class Adapter(Generic[P, K]):
    """A provider's adapter in one service: the catalog entry it serves, and how to build it
    from a connection and the service's own tools (`K`)."""

    provider: ProviderEntry
    build: Callable[[Connection, K], P]


class ProvidersConfig(Protocol):
    """Service settings: the `ProviderSettings` of each provider it calls, and routing."""

    @property
    def providers(self) -> Mapping[str, ProviderSettings]: ...

    @property
    def routing(self) -> RoutingSettings: ...


def adapters_in(package: ModuleType) -> tuple[Adapter[Any, Any], ...]:
    """The `ADAPTER` of each module of `package` that declares one, by provider name: a
    service's adapters are the files of its `providers` package, with no list to keep."""
    found: list[Adapter[Any, Any]] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        adapter = getattr(module, "ADAPTER", None)
        if adapter is None:
            continue
        if not isinstance(adapter, Adapter):
            raise TypeError(
                f"{module.__name__}.ADAPTER is a {type(adapter).__name__}, not an Adapter"
            )
        found.append(adapter)
    return tuple(sorted(found, key=lambda adapter: adapter.provider.name))


def called_by(adapters: Sequence[Adapter[Any, Any]]) -> tuple[ProviderEntry, ...]:
    """The providers `adapters` call: what a service's `ProviderClients` settings read."""
    return tuple(adapter.provider for adapter in adapters)


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
        config = settings.providers[name]
        connection = Connection.of(http, config, routing)
        if connection is not None:
            built = adapter.build(connection, tools)
            routes[name] = Route.of(built, config, routing, routing.bulk_share)
    return routes
