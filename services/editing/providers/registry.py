"""Which engines this service runs with: the local algorithms always, and every provider whose
API key is set; the HTTP adapters share one pooled client."""

import httpx

from contracts.catalog.engines import LOCAL
from services.editing.providers.base import EditProvider
from services.editing.providers.google import GoogleEditing
from services.editing.providers.local import LocalEditing
from services.editing.providers.stability import StabilityEditing
from services.editing.settings import EditingSettings
from shared.cpu import CpuPool
from shared.images import ImageLimits
from shared.providers.router import Route
from shared.providers.settings import ProviderSettings


def configured_routes(
    settings: EditingSettings, http: httpx.AsyncClient, cpu: CpuPool, limits: ImageLimits
) -> dict[str, Route[EditProvider]]:
    """A route per configured engine, by provider name."""
    routing = settings.routing
    local = ProviderSettings(base_url=LOCAL, concurrency=cpu.workers, rate_per_s=10_000, retries=0)
    routes: dict[str, Route[EditProvider]] = {
        LOCAL: Route.of(LocalEditing(cpu, limits), local, routing, bulk_share=1)
    }
    stability, google = settings.stability, settings.google
    if stability.api_key is not None:
        key = stability.api_key.get_secret_value()
        adapter = StabilityEditing(http, stability, routing, key, cpu, limits)
        routes["stability"] = Route.of(adapter, stability, routing, routing.bulk_share)
    if google.api_key is not None:
        gemini = GoogleEditing(http, google, google.api_key.get_secret_value(), cpu, limits)
        routes["google"] = Route.of(gemini, google, routing, routing.bulk_share)
    return routes
