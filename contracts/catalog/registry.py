"""The provider registry: every provider's models, engines and prices, read by routing,
estimates and `GET /v1/providers`.

Models: `provider: auto` routes among the *routable* models of the asked tier, cheapest first,
one model per provider; the other models are reached by naming them (`model`).
Engines: `draft` runs the local algorithm where one exists (and only there, so the estimate is
the charge); the other tiers, and `draft` for a kind with no local algorithm, go to the
providers, cheapest first. `provider` pins one engine."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, overload

from contracts.billing.plans import Resolution
from contracts.billing.prices import Price
from contracts.catalog.engines import LOCAL, Engine
from contracts.catalog.models import ModelSpec, Quality, UnknownModelError
from contracts.catalog.provider import ProviderEntry

T = TypeVar("T")
PriceKey = tuple[str, str, str, Resolution | None]


class ProviderRegistry:
    """The registered providers, in listing order."""

    def __init__(self) -> None:
        self._entries: list[ProviderEntry] | None = None
        self._prices: dict[PriceKey, Price] | None = None
        self._derived: dict[str, list[Any]] = {}
        """What the entries declare, gathered once per version (read on every submission)."""
        self.version = 0
        """Grows at each registration: caches of what the registry derives key on it."""

    @property
    def entries(self) -> list[ProviderEntry]:
        if self._entries is None:
            # loaded on first use: the entries name the params' kinds, whose validators read here
            from contracts.catalog.providers import PROVIDER_ENTRIES

            self._entries = list(PROVIDER_ENTRIES)
        return self._entries

    @contextmanager
    def registered(self, entry: ProviderEntry) -> Iterator[ProviderEntry]:
        """`entry` registered for the duration of the block (tests register toy providers)."""
        self.entries.append(entry)
        self._changed()
        try:
            yield entry
        finally:
            self.entries.remove(entry)
            self._changed()

    def models(self) -> list[ModelSpec]:
        return self._gathered("models", lambda e: e.models)

    def engines(self) -> list[Engine]:
        return self._gathered("engines", lambda e: e.engines)

    def prices(self) -> list[Price]:
        return self._gathered("prices", lambda e: e.prices)

    def providers(self) -> list[str]:
        """The providers of text-to-image models."""
        return self._gathered("providers", lambda e: (e.name,) if e.models else ())

    def _gathered(self, what: str, of: Callable[[ProviderEntry], Sequence[T]]) -> list[T]:
        if what not in self._derived:
            self._derived[what] = [item for entry in self.entries for item in of(entry)]
        return self._derived[what]

    def price(self, key: PriceKey) -> Price | None:
        if self._prices is None:
            self._prices = {
                (p.operation, p.provider, p.model, p.resolution): p for p in self.prices()
            }
        return self._prices.get(key)

    def _changed(self) -> None:
        self.version += 1
        self._prices = None
        self._derived.clear()


class View(Sequence[T]):
    """A live, read-only sequence of what the registered providers declare."""

    def __init__(self, items: Callable[[], list[T]]) -> None:
        self._items = items

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[T]:
        return iter(self._items())


REGISTRY = ProviderRegistry()
MODELS: Sequence[ModelSpec] = View(REGISTRY.models)
ENGINES: Sequence[Engine] = View(REGISTRY.engines)
PRICES: Sequence[Price] = View(REGISTRY.prices)
PROVIDERS: Sequence[str] = View(REGISTRY.providers)
"""The providers of text-to-image models, in listing order."""


def find_price(
    operation: str, provider: str, model: str, resolution: Resolution | None = None
) -> Price | None:
    """The listed price of an operation by a provider's model (at a video resolution)."""
    return REGISTRY.price((operation, provider, model, resolution))


def find_model(provider: str | None, model: str) -> ModelSpec:
    """The model `model` (of `provider` when given)."""
    for spec in MODELS:
        if spec.model == model and provider in (None, "auto", spec.provider):
            return spec
    known = ", ".join(s.model for s in MODELS if provider in (None, "auto", s.provider))
    raise UnknownModelError(f"unknown model '{model}' (known: {known})")


def routes(quality: Quality, provider: str = "auto", model: str | None = None) -> list[ModelSpec]:
    """The models a request may run on, in the order to try them: a named model alone; else
    the routable models of the tier, one per provider (of `provider` only, when named)."""
    if model is not None:
        return [find_model(provider, model)]
    if provider != "auto" and provider not in PROVIDERS:
        raise UnknownModelError(f"unknown provider '{provider}' (known: {', '.join(PROVIDERS)})")
    chosen = [
        spec
        for spec in MODELS
        if spec.routable and spec.tier is quality and provider in ("auto", spec.provider)
    ]
    if not chosen:
        tiers = ", ".join(tier.value for tier in tiers_of(provider))
        raise UnknownModelError(
            f"{provider} has no {quality.value} model (its qualities: {tiers}); "
            "choose one of them as `quality`, or name a model"
        )
    return chosen


def tiers_of(provider: str) -> list[Quality]:
    """The quality tiers a provider has routable models of, lowest first (none for `auto`)."""
    offered = {spec.tier for spec in MODELS if spec.routable and spec.provider == provider}
    return [tier for tier in Quality if tier in offered]


def engines(kind: str, quality: Quality, provider: str = "auto") -> list[Engine]:
    """The engines a job of `kind` may run on, in the order to try them (unpriced)."""
    offered = [e for e in ENGINES if e.kind == kind]
    if provider != "auto":
        pinned = [e for e in offered if e.provider == provider]
        if not pinned:
            names = ", ".join(sorted({e.provider for e in offered}))
            raise UnknownModelError(f"{provider} does not run {kind} (engines: {names})")
        return pinned
    local = [e for e in offered if e.provider == LOCAL]
    remote = [e for e in offered if e.provider != LOCAL]
    return local if quality is Quality.DRAFT and local else remote
