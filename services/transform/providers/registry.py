"""The transform service's adapters, one line each; `shared.providers.registry` builds a route
for every one whose provider has an API key, plus local video. Their tool is the largest output
a provider may return, in bytes."""

from contracts.catalog.providers.stability import STABILITY
from contracts.catalog.providers.wavespeed import WAVESPEED
from services.transform.providers.base import TransformProvider
from services.transform.providers.stability import Stability3D
from services.transform.providers.wavespeed import WaveSpeedVideo
from shared.providers.registry import Adapter

ADAPTERS: tuple[Adapter[TransformProvider, int], ...] = (
    Adapter(WAVESPEED, lambda c, cap: WaveSpeedVideo(c.http, c.settings, c.key, c.routing, cap)),
    Adapter(STABILITY, lambda c, _: Stability3D(c.http, c.settings, c.key)),
)
