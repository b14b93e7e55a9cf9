"""The providers, one module each declaring its models, engines, prices and API defaults; the
registry reads this tuple (one line per provider; its order is the order `GET /v1/providers`
lists them in)."""

from contracts.catalog.provider import ProviderEntry
from contracts.catalog.providers.google import GOOGLE
from contracts.catalog.providers.huggingface import HUGGINGFACE
from contracts.catalog.providers.local import LOCAL_ENGINES
from contracts.catalog.providers.local_draft import LOCAL_DRAFT_RENDERER
from contracts.catalog.providers.openai import OPENAI
from contracts.catalog.providers.stability import STABILITY
from contracts.catalog.providers.wavespeed import WAVESPEED

PROVIDER_ENTRIES: tuple[ProviderEntry, ...] = (
    LOCAL_DRAFT_RENDERER,
    STABILITY,
    WAVESPEED,
    HUGGINGFACE,
    GOOGLE,
    OPENAI,
    LOCAL_ENGINES,
)
