"""What an estimate offers instead: the same job pinned to another provider and model, of its
quality tier or another (`quality` then set too), that a provider can run now and the account may
pay for, kept when it costs less or finishes sooner than the job as asked (every one that can
run, when the job cannot)."""

from collections.abc import Awaitable, Callable
from typing import Literal

from pydantic import BaseModel

from contracts.billing import CREDIT_USD
from contracts.billing.estimates import Estimate, UnpricedError, estimate
from contracts.catalog.models import Quality
from contracts.catalog.registry import engines, find_model, routes
from contracts.http.billing import AlternativePublic
from contracts.params.generate import GenerateParams
from services.gateway.jobs.availability import Option, quality_of

MAX_ALTERNATIVES = 5
Admits = Callable[[BaseModel, Estimate], Awaitable[bool]]
"""Whether a variant of the job can run now and the account may pay for it."""


Pins = dict[str, str]
Better = Literal["cheaper", "faster"]


def variants(kind: str, params: BaseModel) -> list[tuple[Option, Pins, BaseModel]]:
    """The job pinned to each provider's model of each tier, its own tier first (the pins it
    asked for replaced)."""
    fields = type(params).model_fields
    if "provider" not in fields:
        return []  # runs on the platform's own engine only
    quality = quality_of(params)
    if isinstance(params, GenerateParams) and params.model is not None:
        quality = find_model(params.provider, params.model).tier  # a pinned model's own tier
    tiers = [quality, *(tier for tier in Quality if tier is not quality)]
    offered = {option: tier for tier in reversed(tiers) for option in _options(kind, params, tier)}
    pinned = []
    for option, tier in sorted(offered.items(), key=lambda item: tiers.index(item[1])):
        pins = {
            "provider": option.provider,
            **({"model": option.model} if "model" in fields else {}),
            **({"quality": tier.value} if tier is not quality and "quality" in fields else {}),
        }
        # the options are the kind's own engines of a tier, so the copy needs no validation
        pinned.append((option, pins, params.model_copy(update=pins)))
    return pinned


def _options(kind: str, params: BaseModel, tier: Quality) -> list[Option]:
    if isinstance(params, GenerateParams):
        return [Option(spec.provider, spec.model) for spec in routes(tier)]
    return [Option(engine.provider, engine.model) for engine in engines(kind, tier)]


async def alternatives(
    kind: str, params: BaseModel, asked: Estimate, runnable: bool, admits: Admits
) -> list[AlternativePublic]:
    """The variants worth offering, cheapest first."""
    offered: list[AlternativePublic] = []
    for option, pins, variant in variants(kind, params):
        if (option.provider, option.model) == (asked.provider, asked.model):
            continue
        try:
            cost = estimate(kind, variant)
        except UnpricedError:
            continue
        better = _better(cost, asked)
        if (better or not runnable) and await admits(variant, cost):
            offered.append(_public(option, pins, cost, better))
    offered.sort(key=lambda a: (a.credits, a.expected_seconds))
    return offered[:MAX_ALTERNATIVES]


def _better(cost: Estimate, asked: Estimate) -> list[Better]:
    """How it beats the job as asked: `cheaper`, `faster`."""
    better: list[Better] = []
    if cost.credits < asked.credits:
        better.append("cheaper")
    if cost.expected_seconds < asked.expected_seconds:
        better.append("faster")
    return better


def _public(option: Option, pins: Pins, cost: Estimate, better: list[Better]) -> AlternativePublic:
    quality = pins.get("quality")
    return AlternativePublic(
        provider=option.provider,
        model=option.model,
        quality=Quality(quality) if quality else None,
        better=better,
        credits=cost.credits,
        price_usd=cost.credits * CREDIT_USD,
        expected_seconds=cost.expected_seconds,
        params=pins,
    )
