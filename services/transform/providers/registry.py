"""Which engines this service runs with: local video always, and every provider whose API key
is set; the HTTP adapters share one pooled client."""

import httpx

from contracts.catalog.engines import LOCAL
from services.transform.providers.base import TransformProvider
from services.transform.providers.local import LocalVideo
from services.transform.providers.stability import Stability3D
from services.transform.providers.wavespeed import WaveSpeedVideo
from services.transform.settings import TransformSettings
from shared.cpu import CpuPool
from shared.images import ImageLimits
from shared.providers.router import Route
from shared.providers.settings import ProviderSettings


def configured_routes(
    settings: TransformSettings, http: httpx.AsyncClient, cpu: CpuPool, limits: ImageLimits
) -> dict[str, Route[TransformProvider]]:
    """A route per configured engine, by provider name."""
    routing = settings.routing
    local = ProviderSettings(base_url=LOCAL, concurrency=cpu.workers, rate_per_s=10_000, retries=0)
    routes: dict[str, Route[TransformProvider]] = {
        LOCAL: Route.of(LocalVideo(cpu, limits), local, routing, bulk_share=1)
    }
    wavespeed, stability = settings.wavespeed, settings.stability
    if wavespeed.api_key is not None:
        key = wavespeed.api_key.get_secret_value()
        video = WaveSpeedVideo(http, wavespeed, key, routing, settings.output_max_bytes)
        routes["wavespeed"] = Route.of(video, wavespeed, routing, routing.bulk_share)
    if stability.api_key is not None:
        model = Stability3D(http, stability, stability.api_key.get_secret_value())
        routes["stability"] = Route.of(model, stability, routing, routing.bulk_share)
    return routes
