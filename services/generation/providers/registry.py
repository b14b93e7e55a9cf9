"""The generation service's adapters, one line each; `shared.providers.registry` builds a route
for every one whose provider has an API key, plus the local draft renderer."""

from contracts.catalog.providers.google import GOOGLE
from contracts.catalog.providers.huggingface import HUGGINGFACE
from contracts.catalog.providers.stability import STABILITY
from contracts.catalog.providers.wavespeed import WAVESPEED
from services.generation.providers.base import ImageProvider
from services.generation.providers.google import Google
from services.generation.providers.huggingface import HuggingFace
from services.generation.providers.stability import Stability
from services.generation.providers.wavespeed import WaveSpeed
from shared.providers.registry import Adapter

ADAPTERS: tuple[Adapter[ImageProvider, None], ...] = (
    Adapter(STABILITY, lambda c, _: Stability(c.http, c.settings, c.key)),
    Adapter(WAVESPEED, lambda c, _: WaveSpeed(c.http, c.settings, c.key, c.routing)),
    Adapter(HUGGINGFACE, lambda c, _: HuggingFace(c.http, c.settings, c.key)),
    Adapter(GOOGLE, lambda c, _: Google(c.http, c.settings, c.key)),
)
