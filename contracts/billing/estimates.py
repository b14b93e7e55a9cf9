"""What a job will cost before it runs, and what a finished one costs: the one pricing function
the gateway (estimates, 402), billing (reservations) and workers (reported cost) all use."""

import math
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from contracts.billing.plans import Feature, Resolution
from contracts.billing.prices import Price, Unit, find_price
from contracts.params.generate import GenerateParams, Quality
from contracts.params.transform import AvatarParams, ImageToVideoParams

TIER_MODELS: dict[Quality, tuple[str, str]] = {
    Quality.DRAFT: ("local-draft", "draft"),
    Quality.STANDARD: ("stability", "core"),
    Quality.PREMIUM: ("stability", "ultra"),
}
"""What `provider: auto` is priced at: the dearest route of the tier, so a reservation covers it."""

PROVIDER_MODELS: dict[str, dict[Quality, str]] = {
    "local-draft": dict.fromkeys(Quality, "draft"),
    "stability": {Quality.DRAFT: "core", Quality.STANDARD: "core", Quality.PREMIUM: "ultra"},
    "wavespeed": {
        Quality.DRAFT: "qwen-image",
        Quality.STANDARD: "qwen-image",
        Quality.PREMIUM: "ideogram-v3-turbo",
    },
    "huggingface": dict.fromkeys(Quality, "flux-1-dev"),
    "google": {
        Quality.DRAFT: "imagen-4-fast",
        Quality.STANDARD: "imagen-4",
        Quality.PREMIUM: "imagen-4-ultra",
    },
}
CORE_MODELS = frozenset({"draft", "core"})


class UnpricedError(ValueError):
    """No price is known for this kind, provider or model."""


class Estimate(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str
    operation: str
    provider: str
    model: str
    resolution: Resolution | None = None
    credits: int
    usd: Decimal
    expected_seconds: float
    images: int = 0
    videos: int = 0
    feature: Feature


def estimate(kind: str, params: BaseModel) -> Estimate:
    """The price of a job as asked (raises `UnpricedError`)."""
    if isinstance(params, GenerateParams):
        return _generate(kind, params)
    if isinstance(params, ImageToVideoParams):
        return _video(kind, params, params.duration_s, Feature.IMAGE_TO_VIDEO, "wan-2.5")
    if isinstance(params, AvatarParams):
        return _video(kind, params, params.duration_s, Feature.AVATAR, "hunyuan-avatar")
    raise UnpricedError(f"no price for kind {kind}")


def charge(
    operation: str, provider: str, model: str, units: int, resolution: Resolution | None = None
) -> tuple[int, Decimal]:
    """(credits, provider USD) of `units` of an operation as it was actually done."""
    price = _price(operation, provider, model, resolution)
    return price.credits * units, price.usd * units


def _generate(kind: str, params: GenerateParams) -> Estimate:
    if params.provider == "auto":
        provider, model = TIER_MODELS[params.quality]
    elif params.provider in PROVIDER_MODELS:
        provider, model = params.provider, PROVIDER_MODELS[params.provider][params.quality]
    else:
        raise UnpricedError(f"no price for provider {params.provider}")
    price = _price(kind, provider, model, None)
    feature = Feature.GENERATE_CORE if model in CORE_MODELS else Feature.GENERATE_ALL_MODELS
    return Estimate(
        kind=kind,
        operation=kind,
        provider=provider,
        model=model,
        credits=price.credits * params.variations,
        usd=price.usd * params.variations,
        expected_seconds=round(price.seconds_per_unit * params.variations, 1),
        images=params.variations,
        feature=feature,
    )


def _video(
    kind: str, params: ImageToVideoParams | AvatarParams, seconds: int, feature: Feature, model: str
) -> Estimate:
    price = _price(kind, "wavespeed", model, params.resolution)
    units = seconds if price.unit is Unit.SECOND else math.ceil(seconds / 5)
    return Estimate(
        kind=kind,
        operation=kind,
        provider=price.provider,
        model=model,
        resolution=params.resolution,
        credits=price.credits * units,
        usd=price.usd * units,
        expected_seconds=round(price.seconds_per_unit * units, 1),
        videos=1,
        feature=feature,
    )


def _price(operation: str, provider: str, model: str, resolution: Resolution | None) -> Price:
    price = find_price(operation, provider, model, resolution)
    if price is None:
        raise UnpricedError(f"no price for {operation} by {provider}/{model} at {resolution}")
    return price
