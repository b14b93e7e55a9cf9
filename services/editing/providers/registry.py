"""The editing service's adapters: every module of this package that declares an `ADAPTER`.
`shared.providers.registry` builds a route for each one whose provider has an API key,
plus the local algorithms."""

from services.editing import providers
from services.editing.providers.base import EditProvider, ImageTools
from shared.providers.registry import Adapter, adapters_in

ADAPTERS: tuple[Adapter[EditProvider, ImageTools], ...] = adapters_in(providers)
