"""The generation service's adapters: every module of this package that declares an `ADAPTER`.
`shared.providers.registry` builds a route for each one whose provider has an API key,
plus the local draft renderer."""

from services.generation import providers
from services.generation.providers.base import ImageProvider
from shared.providers.registry import Adapter, adapters_in

ADAPTERS: tuple[Adapter[ImageProvider, None], ...] = adapters_in(providers)
