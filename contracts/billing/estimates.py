"""What a job will cost before it runs, and what a finished one costs: the one pricing function
the gateway (estimates, 402), billing (reservations) and workers (reported cost) all use."""

import math
from decimal import Decimal
from functools import cache

from pydantic import BaseModel, ConfigDict

from contracts.billing.plans import Feature, Resolution
from contracts.billing.prices import Price, Unit, find_price
from contracts.catalog.engines import Engine, engines
from contracts.catalog.models import ModelSpec, Quality, routes
from contracts.params.generate import GenerateParams
from contracts.params.image_inputs import ImageJobParams
from contracts.params.optimize import OptimizeParams
from contracts.params.transform import AvatarParams, ImageTo3DParams, ImageToVideoParams

CORE_MODELS = frozenset({"draft", "core"})
"""Models of the plans' `generate_core` feature (pinning any other needs `generate_all_models`)."""


IMAGE_JOB_FEATURES = {
    "edit.erase": Feature.EDIT_BASIC,
    "edit.inpaint": Feature.EDIT_BASIC,
    "edit.outpaint": Feature.EDIT_BASIC,
    "edit.remove_background": Feature.EDIT_BASIC,
    "edit.search_replace": Feature.EDIT_ALL,
    "edit.search_recolor": Feature.EDIT_ALL,
    "edit.replace_background": Feature.EDIT_ALL,
    "edit.instruct": Feature.EDIT_ALL,
    "upscale.fast": Feature.UPSCALE_FAST,
    "upscale.conservative": Feature.UPSCALE_ALL,
    "upscale.creative": Feature.UPSCALE_ALL,
    "control.sketch": Feature.CONTROL,
    "control.structure": Feature.CONTROL,
    "control.style": Feature.CONTROL,
    "control.style_transfer": Feature.CONTROL,
}
"""What each edit, upscale and control kind needs the plan to include."""


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
    if isinstance(params, ImageToVideoParams | AvatarParams):
        return _video(kind, params)
    if isinstance(params, ImageTo3DParams):
        return _model_3d(kind, params)
    if isinstance(params, OptimizeParams):
        return _optimize(kind)
    if isinstance(params, ImageJobParams):
        return _image_job(kind, params)
    raise UnpricedError(f"no price for kind {kind}")


def charge(
    operation: str, provider: str, model: str, units: int, resolution: Resolution | None = None
) -> tuple[int, Decimal]:
    """(credits, provider USD) of `units` of an operation as it was actually done."""
    price = _price(operation, provider, model, resolution)
    return price.credits * units, price.usd * units


def priced_routes(params: GenerateParams) -> list[tuple[ModelSpec, Price]]:
    """The models a `generate` job may run on, cheapest first, each with its price."""
    return list(_priced_routes(params.quality, params.provider, params.model))


@cache
def _priced_routes(
    quality: Quality, provider: str, model: str | None
) -> tuple[tuple[ModelSpec, Price], ...]:
    # the catalog and the price list are constants: each request shape is priced once
    priced = [
        (spec, _price("generate", spec.provider, spec.model, None))
        for spec in routes(quality, provider, model)
    ]
    return tuple(sorted(priced, key=lambda route: (route[1].credits, route[1].usd)))


def priced_engines(params: ImageJobParams) -> list[tuple[Engine, Price]]:
    """The engines an edit, upscale or control job may run on, cheapest first, with prices."""
    priced = [
        (engine, _price(params.KIND, engine.provider, engine.model, None))
        for engine in engines(params.KIND, params.quality, params.provider)
    ]
    return sorted(priced, key=lambda route: (route[1].credits, route[1].usd))


def _image_job(kind: str, params: ImageJobParams) -> Estimate:
    """Priced at the dearest engine it may fall back to (the charge is the one that delivered)."""
    engine, price = max(priced_engines(params), key=lambda route: (route[1].credits, route[1].usd))
    return Estimate(
        kind=kind,
        operation=kind,
        provider=engine.provider,
        model=engine.model,
        credits=price.credits,
        usd=price.usd,
        expected_seconds=price.seconds_per_unit,
        images=1,
        feature=IMAGE_JOB_FEATURES[kind],
    )


def _generate(kind: str, params: GenerateParams) -> Estimate:
    """Priced at the dearest route the job may take (`auto` falls back along its tier), so the
    reservation covers any fallback; the charge is the route that delivered."""
    return _generate_estimate(
        kind, params.quality, params.provider, params.model, params.variations
    )


@cache
def _generate_estimate(
    kind: str, quality: Quality, provider: str, model: str | None, variations: int
) -> Estimate:
    routes_priced = _priced_routes(quality, provider, model)
    spec, price = max(routes_priced, key=lambda route: (route[1].credits, route[1].usd))
    core = model is None and quality is not Quality.PREMIUM
    feature = (
        Feature.GENERATE_CORE if core or spec.model in CORE_MODELS else Feature.GENERATE_ALL_MODELS
    )
    return Estimate(
        kind=kind,
        operation=kind,
        provider=spec.provider,
        model=spec.model,
        credits=price.credits * variations,
        usd=price.usd * variations,
        expected_seconds=round(price.seconds_per_unit * variations, 1),
        images=variations,
        feature=feature,
    )


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


def _video(kind: str, params: ImageToVideoParams | AvatarParams) -> Estimate:
    engine = transform_engine(kind, params)
    price = _price(kind, engine.provider, engine.model, params.resolution)
    seconds = params.duration_s
    units = seconds if price.unit is Unit.SECOND else math.ceil(seconds / 5)
    feature = Feature.AVATAR if isinstance(params, AvatarParams) else Feature.IMAGE_TO_VIDEO
    return Estimate(
        kind=kind,
        operation=kind,
        provider=price.provider,
        model=engine.model,
        resolution=params.resolution,
        credits=price.credits * units,
        usd=price.usd * units,
        expected_seconds=round(price.seconds_per_unit * units, 1),
        videos=1,
        feature=feature,
    )


def _model_3d(kind: str, params: ImageTo3DParams) -> Estimate:
    engine = transform_engine(kind, params)
    price = _price(kind, engine.provider, engine.model, None)
    return Estimate(
        kind=kind,
        operation=kind,
        provider=engine.provider,
        model=engine.model,
        credits=price.credits,
        usd=price.usd,
        expected_seconds=price.seconds_per_unit,
        images=1,
        feature=Feature.IMAGE_TO_3D,
    )


def _optimize(kind: str) -> Estimate:
    """One source image in, every asked format out: priced per source, not per format (outputs
    are derivatives, so they count against no image quota)."""
    price = _price(kind, "local", "optimizer", None)
    return Estimate(
        kind=kind,
        operation=kind,
        provider=price.provider,
        model=price.model,
        credits=price.credits,
        usd=price.usd,
        expected_seconds=price.seconds_per_unit,
        feature=Feature.SOCIAL_OPTIMIZER,
    )


def _price(operation: str, provider: str, model: str, resolution: Resolution | None) -> Price:
    price = find_price(operation, provider, model, resolution)
    if price is None:
        raise UnpricedError(f"no price for {operation} by {provider}/{model} at {resolution}")
    return price
