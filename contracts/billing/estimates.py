"""What a job will cost before it runs, and what a finished one costs: the one pricing function
the gateway (estimates, 402), billing (reservations) and workers (reported cost) all use."""

import math
from decimal import Decimal
from functools import cache

from pydantic import BaseModel, ConfigDict

from contracts.billing.plans import Feature, Resolution
from contracts.billing.prices import Price, Unit
from contracts.catalog.engines import Engine
from contracts.catalog.models import ModelSpec, Quality
from contracts.catalog.registry import REGISTRY, engines, find_price, routes
from contracts.jobs import JOB_KINDS, Pricing
from contracts.params.generate import GenerateParams
from contracts.params.image_inputs import ImageJobParams
from contracts.params.transform import AvatarParams, ImageTo3DParams, ImageToVideoParams
from contracts.params.upscale import UpscaleAutoParams

CORE_MODELS = frozenset({"draft", "core"})
"""Models of the plans' `generate_core` feature (pinning any other needs `generate_all_models`)."""


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
    """The price of a job as asked, by its kind's pricing (raises `UnpricedError`)."""
    spec = JOB_KINDS.get(kind)
    if spec is None:
        raise UnpricedError(f"no price for kind {kind}")
    if spec.pricing is Pricing.IMAGES and isinstance(params, GenerateParams):
        return _generate(kind, params, spec.feature)
    if spec.pricing is Pricing.VIDEO and isinstance(params, ImageToVideoParams | AvatarParams):
        return _video(kind, params, spec.feature)
    if spec.pricing is Pricing.MODEL_3D and isinstance(params, ImageTo3DParams):
        return _model_3d(kind, params, spec.feature)
    if spec.pricing is Pricing.SOURCE:
        return _per_source(kind, spec.feature)
    if spec.pricing is Pricing.EDIT and isinstance(params, ImageJobParams):
        return _edit(kind, params, spec.feature)
    raise UnpricedError(f"no price for kind {kind} with {type(params).__name__}")


def charge(
    operation: str, provider: str, model: str, units: int, resolution: Resolution | None = None
) -> tuple[int, Decimal]:
    """(credits, provider USD) of `units` of an operation as it was actually done."""
    price = _price(operation, provider, model, resolution)
    return price.credits * units, price.usd * units


def priced_routes(params: GenerateParams) -> list[tuple[ModelSpec, Price]]:
    """The models a `generate` job may run on, cheapest first, each with its price."""
    return list(_priced_routes(params.quality, params.provider, params.model, REGISTRY.version))


@cache
def _priced_routes(
    quality: Quality, provider: str, model: str | None, version: int
) -> tuple[tuple[ModelSpec, Price], ...]:
    # the registry changes only when a provider registers: each request shape is priced once
    priced = [
        (spec, _price(GenerateParams.KIND, spec.provider, spec.model, None))
        for spec in routes(quality, provider, model)
    ]
    return tuple(sorted(priced, key=_cost))


def priced_engines(params: ImageJobParams) -> list[tuple[Engine, Price]]:
    """The engines an edit, upscale or control job may run on, cheapest first, with prices;
    for `upscale.auto`, those of every mode it may choose (its estimate is the dearest; the
    charge is the chosen mode's)."""
    kinds = params.mode_kinds() if isinstance(params, UpscaleAutoParams) else [params.KIND]
    priced = [
        (engine, _price(kind, engine.provider, engine.model, None))
        for kind in kinds
        for engine in engines(kind, params.quality, params.provider)
    ]
    return sorted(priced, key=_cost)


def _cost(route: tuple[ModelSpec | Engine, Price]) -> tuple[int, Decimal]:
    return route[1].credits, route[1].usd


def _estimate(kind: str, feature: Feature, price: Price, units: int = 1, **counts: int) -> Estimate:
    """`units` of `price`; `counts` are the images and videos the job makes."""
    return Estimate(
        kind=kind,
        operation=kind,
        provider=price.provider,
        model=price.model,
        resolution=price.resolution,
        credits=price.credits * units,
        usd=price.usd * units,
        expected_seconds=round(price.seconds_per_unit * units, 1),
        feature=feature,
        **counts,
    )


def _edit(kind: str, params: ImageJobParams, feature: Feature) -> Estimate:
    """Priced at the dearest engine it may fall back to (the charge is the one that delivered)."""
    _, price = max(priced_engines(params), key=_cost)
    return _estimate(kind, feature, price, images=1)


def _generate(kind: str, params: GenerateParams, core: Feature) -> Estimate:
    """Priced at the dearest route the job may take (`auto` falls back along its tier), so the
    reservation covers any fallback; the charge is the route that delivered. Pinning a model
    beyond the core ones needs `generate.all_models`."""
    shape = (params.quality, params.provider, params.model, params.variations)
    return _generate_estimate(kind, core, *shape, REGISTRY.version)


@cache
def _generate_estimate(
    kind: str,
    core: Feature,
    quality: Quality,
    provider: str,
    model: str | None,
    variations: int,
    version: int,
) -> Estimate:
    routes_priced = _priced_routes(quality, provider, model, version)
    spec, price = max(routes_priced, key=_cost)
    unpinned = model is None and quality is not Quality.PREMIUM
    feature = core if unpinned or spec.model in CORE_MODELS else Feature.GENERATE_ALL_MODELS
    return _estimate(kind, feature, price, variations, images=variations)


TransformParams = ImageToVideoParams | AvatarParams | ImageTo3DParams


def transform_engine(kind: str, params: TransformParams) -> Engine:
    """The one engine a transform job runs on (a video is too dear to fall back silently)."""
    quality = getattr(params, "quality", Quality.STANDARD)
    offered = engines(kind, quality, params.provider)
    if isinstance(params, ImageTo3DParams):
        offered = [engine for engine in offered if engine.model == params.model]
    if not offered:
        raise UnpricedError(f"no engine runs {kind} as asked")
    return offered[0]


def _video(kind: str, params: ImageToVideoParams | AvatarParams, feature: Feature) -> Estimate:
    engine = transform_engine(kind, params)
    price = _price(kind, engine.provider, engine.model, params.resolution)
    seconds = params.duration_s
    units = seconds if price.unit is Unit.SECOND else math.ceil(seconds / 5)
    return _estimate(kind, feature, price, units, videos=1)


def _model_3d(kind: str, params: ImageTo3DParams, feature: Feature) -> Estimate:
    engine = transform_engine(kind, params)
    return _estimate(kind, feature, _price(kind, engine.provider, engine.model, None), images=1)


def _per_source(kind: str, feature: Feature) -> Estimate:
    """One source image in, every asked format out: priced per source, not per format (outputs
    are derivatives, so they count against no image quota)."""
    listed = [price for price in REGISTRY.prices() if price.operation == kind]
    if len(listed) != 1:
        raise UnpricedError(f"{kind} needs one listed price, has {len(listed)}")
    return _estimate(kind, feature, listed[0])


def _price(operation: str, provider: str, model: str, resolution: Resolution | None) -> Price:
    price = find_price(operation, provider, model, resolution)
    if price is None:
        raise UnpricedError(f"no price for {operation} by {provider}/{model} at {resolution}")
    return price
