"""What a text-to-image model is: its provider, quality tier and controls. Each provider lists
its own in `contracts.catalog.providers`; routing reads them from `contracts.catalog.registry`."""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer


class Quality(StrEnum):
    """Quality tier: `draft` may use the local renderer; the others need a real provider."""

    DRAFT = "draft"
    STANDARD = "standard"
    PREMIUM = "premium"


class Capability(StrEnum):
    GENERATE = "generate"


class Strength(StrEnum):
    """What a model is known to do well, from its vendor's model page (`docs/providers.md`
    section 6 cites each); the recommender matches a request's needs against them."""

    TEXT_RENDERING = "text_rendering"
    PHOTOREAL = "photoreal"


StylePresets = Literal["stability", "ideogram"]
"""Whose native style presets a model's API takes (`contracts.catalog.styles` maps to both)."""


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
    strengths: frozenset[Strength] = Field(
        default=frozenset(), description="What it is known to do well (sources in providers.md)."
    )
    style_presets: StylePresets | None = Field(
        default=None, description="Whose native style presets its API takes, if any."
    )

    @field_serializer("strengths")
    def _in_order(self, strengths: frozenset[Strength]) -> list[str]:
        """Sorted, so the exported catalog is the same whatever the set's hash order."""
        return sorted(strengths)


def model_spec(
    provider: str,
    model: str,
    vendor: str,
    tier: Quality,
    *,
    negative: bool,
    seed: bool,
    sizing: str,
    routable: bool = True,
    strengths: frozenset[Strength] = frozenset(),
    style_presets: StylePresets | None = None,
) -> ModelSpec:
    """A text-to-image model of `provider`, known to its API as `vendor`."""
    return ModelSpec(
        provider=provider,
        model=model,
        vendor_model=vendor,
        tier=tier,
        routable=routable,
        negative_prompt=negative,
        seed=seed,
        sizing=sizing,
        strengths=strengths,
        style_presets=style_presets,
    )


LOCAL_DRAFT = "local-draft"


class UnknownModelError(ValueError):
    """The provider or model is not in the catalog, or does not fit the request."""
