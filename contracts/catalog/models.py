"""The capability registry: which provider offers which model, at which quality tier, with which
controls. Routing, estimates and `GET /v1/providers` all read it; prices live in
`contracts.billing.prices`.

`provider: auto` routes among the *routable* models of the asked tier, cheapest first, one model
per provider; the other models are reached by naming them (`model`)."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Quality(StrEnum):
    """Quality tier: `draft` may use the local renderer; the others need a real provider."""

    DRAFT = "draft"
    STANDARD = "standard"
    PREMIUM = "premium"


class Capability(StrEnum):
    GENERATE = "generate"


class ModelSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    provider: str
    model: str = Field(description="The platform's id of the model.")
    vendor_model: str = Field(description="The id the provider's API knows it by.")
    capability: Capability = Capability.GENERATE
    tier: Quality
    routable: bool = Field(default=True, description="`auto` may route to it.")
    negative_prompt: bool = Field(description="The API takes a negative prompt.")
    seed: bool = Field(description="The API takes a seed (same seed, same image).")
    sizing: str = Field(description="`aspect` (an enum of ratios) or `pixels` (free width/height).")


def _spec(
    provider: str,
    model: str,
    vendor: str,
    tier: Quality,
    *,
    negative: bool,
    seed: bool,
    sizing: str,
    routable: bool = True,
) -> ModelSpec:
    return ModelSpec(
        provider=provider,
        model=model,
        vendor_model=vendor,
        tier=tier,
        routable=routable,
        negative_prompt=negative,
        seed=seed,
        sizing=sizing,
    )


D, S, P = Quality.DRAFT, Quality.STANDARD, Quality.PREMIUM
LOCAL_DRAFT = "local-draft"

MODELS: list[ModelSpec] = [
    _spec(LOCAL_DRAFT, "draft", "draft", D, negative=False, seed=True, sizing="pixels"),
    _spec("stability", "core", "core", S, negative=True, seed=True, sizing="aspect"),
    _spec("stability", "ultra", "ultra", P, negative=True, seed=True, sizing="aspect"),
    *[
        _spec(
            "stability", name, name, tier, negative=True, seed=True, sizing="aspect", routable=False
        )
        for name, tier in [
            ("sd3.5-large", P),
            ("sd3.5-large-turbo", S),
            ("sd3.5-medium", S),
            ("sd3.5-flash", S),
        ]
    ],
    _spec(
        "wavespeed",
        "qwen-image",
        "wavespeed-ai/qwen-image/text-to-image",
        S,
        negative=False,
        seed=True,
        sizing="pixels",
    ),
    _spec(
        "wavespeed",
        "ideogram-v3-turbo",
        "ideogram-ai/ideogram-v3-turbo",
        P,
        negative=False,
        seed=False,
        sizing="aspect",
    ),
    _spec(
        "huggingface",
        "flux-1-dev",
        "black-forest-labs/FLUX.1-dev",
        S,
        negative=True,
        seed=True,
        sizing="pixels",
    ),
    _spec(
        "huggingface",
        "flux-1-krea-dev",
        "black-forest-labs/FLUX.1-Krea-dev",
        S,
        negative=True,
        seed=True,
        sizing="pixels",
        routable=False,
    ),
    _spec(
        "google",
        "imagen-4-fast",
        "imagen-4.0-fast-generate-001",
        S,
        negative=False,
        seed=False,
        sizing="aspect",
    ),
    _spec(
        "google",
        "imagen-4",
        "imagen-4.0-generate-001",
        P,
        negative=False,
        seed=False,
        sizing="aspect",
        routable=False,
    ),
    _spec(
        "google",
        "imagen-4-ultra",
        "imagen-4.0-ultra-generate-001",
        P,
        negative=False,
        seed=False,
        sizing="aspect",
        routable=False,
    ),
    _spec(
        "google",
        "gemini-2.5-flash-image",
        "gemini-2.5-flash-image",
        P,
        negative=False,
        seed=False,
        sizing="aspect",
    ),
]

PROVIDERS: tuple[str, ...] = tuple(dict.fromkeys(spec.provider for spec in MODELS))


class UnknownModelError(ValueError):
    """The provider or model is not in the catalog, or does not fit the request."""


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
