"""The transform service's adapters: every module of this package that declares an `ADAPTER`.
`shared.providers.registry` builds a route for each one whose provider has an API key,
plus local video. Their tool is the largest output
a provider may return, in bytes."""

from services.transform import providers
from services.transform.providers.base import TransformProvider
from shared.providers.registry import Adapter, adapters_in

ADAPTERS: tuple[Adapter[TransformProvider, int], ...] = adapters_in(providers)
