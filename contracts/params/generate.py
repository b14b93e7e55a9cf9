"""Parameters of the `generate` kind (text to image)."""

from typing import Annotated, Any, Self

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from contracts.catalog.models import Quality, UnknownModelError
from contracts.catalog.registry import routes, tiers_of
from contracts.catalog.styles import STYLES
from contracts.catalog.templates import TEMPLATES, Template
from contracts.media import AspectRatio, ImageFormat, ratio_value, size_for_ratio
from contracts.params.kind import KindParams
from contracts.strictness import VISIBLE_TEXT

__all__ = ["AspectRatio", "GenerateParams", "Quality", "size_for_ratio"]

MIN_SIDE = 64
MAX_SIDE = 4096
MAX_PIXELS = 9_437_184  # the largest output of the providers we route to
MAX_SEED = 4_294_967_294


Prompt = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000), VISIBLE_TEXT
]
ProviderName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
CatalogId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]{0,79}$")]


class GenerateParams(KindParams):
    """Text-to-image request. Size comes from `width`+`height`, else from `aspect_ratio` (~1 MP),
    else from the template, else 1:1."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    KIND = "generate"

    prompt: Prompt = Field(description="What to draw.")
    negative_prompt: Annotated[str, StringConstraints(max_length=10_000)] | None = Field(
        default=None, description="What to keep out of the image."
    )
    aspect_ratio: AspectRatio | None = Field(
        default=None, description="Shape of the image; defaults to 1:1 when no size is given."
    )
    width: int | None = Field(default=None, ge=MIN_SIDE, le=MAX_SIDE, description="Pixels.")
    height: int | None = Field(default=None, ge=MIN_SIDE, le=MAX_SIDE, description="Pixels.")
    seed: int | None = Field(
        default=None, ge=0, le=MAX_SEED, description="Fixes the result; random when absent."
    )
    variations: int = Field(default=1, ge=1, le=10, description="Images to make (1-10).")
    output_format: ImageFormat = Field(default=ImageFormat.PNG)
    provider: ProviderName = Field(
        default="auto",
        description="`auto` routes to the recommended healthy provider of the quality tier (the "
        "prompt's needs first, then the cheapest), falling back along the tier; a name pins one "
        "provider (no fallback).",
    )
    model: CatalogId | None = Field(
        default=None, description="Pin one model (see `GET /v1/providers`); implies its provider."
    )
    quality: Quality = Field(
        default=Quality.STANDARD,
        description="The tier of model. Without it, a pinned provider with one tier runs that "
        "tier (`local-draft`: draft); anything else runs `standard`.",
    )
    template: CatalogId | None = Field(
        default=None, description="A template of `GET /v1/templates`: size, style, scaffolding."
    )
    style: CatalogId | None = Field(default=None, description="A preset of `GET /v1/styles`.")
    brand_kit: Annotated[str, StringConstraints(pattern=r"^bk_[0-9A-Za-z]{1,64}$")] | None = Field(
        default=None, description="A brand kit of `/v1/brand-kits`: colours, style, banned words."
    )
    enhance_prompt: bool = Field(
        default=True,
        description="Expand the prompt with the template, style, brand and quality cues (by the "
        "configured LLM, else by the deterministic local enhancer).",
    )
    use_cache: bool = Field(
        default=True,
        description="With an explicit seed, reuse an identical earlier result (no provider call, "
        "no charge). False always renders anew.",
    )

    @model_validator(mode="before")
    @classmethod
    def _the_providers_own_tier(cls, data: Any) -> Any:
        """A pinned provider with a single tier needs no `quality`: that tier is the default."""
        if not isinstance(data, dict) or "quality" in data or data.get("model") is not None:
            return data
        tiers = tiers_of(str(data.get("provider", "auto")))
        return data | {"quality": tiers[0]} if len(tiers) == 1 else data

    @model_validator(mode="after")
    def _catalog_ids_exist(self) -> Self:
        if self.template is not None and self.template not in TEMPLATES:
            raise ValueError(f"unknown template '{self.template}' (see GET /v1/templates)")
        if self.style is not None and self.style not in STYLES:
            raise ValueError(f"unknown style '{self.style}' (see GET /v1/styles)")
        try:
            routes(self.quality, self.provider, self.model)
        except UnknownModelError as exc:
            raise ValueError(str(exc)) from None
        return self

    @property
    def template_spec(self) -> Template | None:
        return TEMPLATES[self.template] if self.template is not None else None

    @model_validator(mode="after")
    def _size_is_consistent(self) -> Self:
        if (self.width is None) != (self.height is None):
            raise ValueError("width and height go together: give both or neither")
        if self.width is not None and self.height is not None:
            if self.width * self.height > MAX_PIXELS:
                raise ValueError(f"width x height must be at most {MAX_PIXELS} pixels")
            if self.aspect_ratio is not None and not _ratio_matches(
                self.aspect_ratio, self.width, self.height
            ):
                raise ValueError(
                    f"width x height ({self.width}x{self.height}) "
                    f"does not match aspect_ratio {self.aspect_ratio}"
                )
        return self

    def output_size(self) -> tuple[int, int]:
        """The pixel size every variation is rendered at."""
        if self.width is not None and self.height is not None:
            return self.width, self.height
        template = self.template_spec
        if self.aspect_ratio is None and template is not None:
            return template.width, template.height
        return size_for_ratio(self.aspect_ratio or "1:1")


def _ratio_matches(ratio: str, width: int, height: int) -> bool:
    return abs(width / height - ratio_value(ratio)) <= 0.02 * ratio_value(ratio)
