"""What a provider declares of itself, in one catalog entry: its text-to-image models, the
engines it runs each job kind on, its prices, and the defaults of its API settings."""

from dataclasses import dataclass

from contracts.billing.prices import Price
from contracts.catalog.engines import Engine
from contracts.catalog.models import ModelSpec


@dataclass(frozen=True)
class ProviderEntry:
    """A provider (or the platform's own engines, with no `base_url`) as the catalog knows it."""

    name: str
    models: tuple[ModelSpec, ...] = ()
    engines: tuple[Engine, ...] = ()
    prices: tuple[Price, ...] = ()
    base_url: str | None = None
    """Default base URL of its API; None for the platform's own engines."""
    rate_per_s: float = 10.0
    """Default calls started per second."""
