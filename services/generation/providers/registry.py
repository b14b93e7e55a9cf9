"""Which providers this service runs with: every provider whose API key is set, plus the local
draft renderer; all HTTP adapters share one pooled client.

The draft renderer has one slot per render thread, so its queue is the route's (where single jobs
go first) rather than the thread pool's; it keeps no slot idle for single jobs, as a render is
short."""

import httpx

from contracts.catalog.models import LOCAL_DRAFT
from services.generation.providers.base import ImageProvider
from services.generation.providers.google import Google
from services.generation.providers.huggingface import HuggingFace
from services.generation.providers.local_draft import LocalDraft
from services.generation.providers.stability import Stability
from services.generation.providers.wavespeed import WaveSpeed
from services.generation.settings import GenerationSettings
from shared.cpu import CpuPool
from shared.providers.router import Route
from shared.providers.settings import ProviderSettings


def configured_routes(
    settings: GenerationSettings, http: httpx.AsyncClient, cpu: CpuPool
) -> dict[str, Route[ImageProvider]]:
    """A route per configured provider, by name."""
    routing = settings.routing
    routes: dict[str, Route[ImageProvider]] = {
        LOCAL_DRAFT: Route.of(LocalDraft(cpu), local_limits(cpu), routing, bulk_share=1)
    }
    for name, config in http_providers(settings).items():
        if config.api_key is not None:
            adapter = _adapter(name, http, settings, config.api_key.get_secret_value())
            routes[name] = Route.of(adapter, config, routing, routing.bulk_share)
    return routes


def local_limits(cpu: CpuPool) -> ProviderSettings:
    return ProviderSettings(base_url="local", concurrency=cpu.workers, rate_per_s=10_000, retries=0)


def http_providers(settings: GenerationSettings) -> dict[str, ProviderSettings]:
    return {
        "stability": settings.stability,
        "wavespeed": settings.wavespeed,
        "huggingface": settings.huggingface,
        "google": settings.google,
    }


def _adapter(
    name: str, http: httpx.AsyncClient, settings: GenerationSettings, key: str
) -> ImageProvider:
    if name == "stability":
        return Stability(http, settings.stability, key)
    if name == "wavespeed":
        return WaveSpeed(http, settings.wavespeed, key, settings.routing)
    if name == "huggingface":
        return HuggingFace(http, settings.huggingface, key)
    return Google(http, settings.google, key)
