"""What an estimate offers instead: the same job pinned to another provider (and model) of the
same quality tier, that a provider can run now and the account may pay for, kept when it costs
less or finishes sooner than the job as asked (every one that can run, when the job cannot)."""

from collections.abc import Awaitable, Callable

from pydantic import BaseModel

from contracts.billing import CREDIT_USD
from contracts.billing.estimates import Estimate, UnpricedError, estimate
from contracts.catalog.registry import engines, find_model, routes
from contracts.http.billing import AlternativePublic
from contracts.params.generate import GenerateParams
from services.gateway.jobs.availability import Option, quality_of

MAX_ALTERNATIVES = 5
Admits = Callable[[BaseModel, Estimate], Awaitable[bool]]
"""Whether a variant of the job can run now and the account may pay for it."""


Pins = dict[str, str]


def variants(kind: str, params: BaseModel) -> list[tuple[Option, Pins, BaseModel]]:
    """The job pinned to each provider's model of its tier (the pins it asked for replaced)."""
    fields = type(params).model_fields
    if "provider" not in fields:
        return []  # runs on the platform's own engine only
    quality = quality_of(params)
    if isinstance(params, GenerateParams) and params.model is not None:
        quality = find_model(params.provider, params.model).tier  # a pinned model's own tier
    if isinstance(params, GenerateParams):
        offered = [Option(spec.provider, spec.model) for spec in routes(quality)]
    else:
        offered = [Option(engine.provider, engine.model) for engine in engines(kind, quality)]
    pinned = []
    for option in dict.fromkeys(offered):
        pins = {
            "provider": option.provider,
            **({"model": option.model} if "model" in fields else {}),
        }
        # the options are the kind's own engines of its tier, so the copy needs no validation
        pinned.append((option, pins, params.model_copy(update=pins)))
    return pinned


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
        better = cost.credits < asked.credits or cost.expected_seconds < asked.expected_seconds
        if (better or not runnable) and await admits(variant, cost):
            offered.append(_public(option, pins, cost))
    offered.sort(key=lambda a: (a.credits, a.expected_seconds))
    return offered[:MAX_ALTERNATIVES]


def _public(option: Option, pins: Pins, cost: Estimate) -> AlternativePublic:
    return AlternativePublic(
        provider=option.provider,
        model=option.model,
        credits=cost.credits,
        price_usd=cost.credits * CREDIT_USD,
        expected_seconds=cost.expected_seconds,
        params=pins,
    )
