"""Parameters of the `optimize.social` kind: one source image to many platform formats."""

from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from contracts.brand import HexColour
from contracts.catalog.platforms import PlatformPreset, UnknownPresetError, resolve
from contracts.media import AssetId
from contracts.params.kind import KindParams
from contracts.strictness import VISIBLE_TEXT

MetadataText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), VISIBLE_TEXT
]
MAX_VARIANTS = 4
MIN_BYTE_BUDGET = 1024


class OptimizeLevel(StrEnum):
    """How hard the encoder works for each byte: `quality` keeps the most detail, `speed` is
    quickest, `balanced` also aims for a platform's recommended (smaller) file size."""

    QUALITY = "quality"
    BALANCED = "balanced"
    SPEED = "speed"


class FitMode(StrEnum):
    """`fill`: smart-crop to the exact aspect. `fit`: keep the whole image and pad the rest."""

    FILL = "fill"
    FIT = "fit"


class FocalPoint(BaseModel):
    """A point of the source to keep in frame, as fractions of its width and height."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)


class OptimizeParams(KindParams):
    """Every asked platform format of one image: exact size, accepted format, within byte limits."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    KIND = "optimize.social"

    asset_id: AssetId = Field(description="The source image (an upload or any image asset).")
    presets: list[Annotated[str, StringConstraints(min_length=1, max_length=60)]] = Field(
        min_length=1,
        max_length=60,
        description="Catalog ids (`ig.story`), platform names (`instagram`) or `all`; see "
        "`GET /v1/platforms`.",
    )
    mode: FitMode = FitMode.FILL
    level: OptimizeLevel = OptimizeLevel.BALANCED
    focal_point: FocalPoint | None = Field(
        default=None, description="Keep this point in frame instead of the detected subject."
    )
    background: Literal["blur", "brand"] | HexColour = Field(
        default="blur",
        description="Padding in `fit` mode: a blurred extension of the image, the brand kit's "
        "first colour, or `#RRGGBB`.",
    )
    brand_kit: Annotated[str, StringConstraints(pattern=r"^bk_[0-9A-Za-z]{1,64}$")] | None = None
    variants: int = Field(
        default=1,
        ge=1,
        le=MAX_VARIANTS,
        description="Crops per format: the best, then alternatives framed on other subjects (A/B).",
    )
    max_bytes: int | None = Field(
        default=None,
        ge=MIN_BYTE_BUDGET,
        description="A byte cap tighter than the platforms' (an ad network's), for every format.",
    )
    previews: bool = Field(
        default=True, description="Also make a safe-zone preview of formats with UI overlays."
    )
    copyright: MetadataText | None = Field(
        default=None, description="Kept in the files' metadata; everything else is stripped."
    )
    author: MetadataText | None = None

    @field_validator("presets")
    @classmethod
    def _known_presets(cls, presets: list[str]) -> list[str]:
        try:
            resolve(presets)
        except UnknownPresetError as exc:
            raise ValueError(str(exc)) from exc
        return presets

    @model_validator(mode="after")
    def _brand_needs_a_kit(self) -> Self:
        if self.background == "brand" and self.brand_kit is None:
            raise ValueError("background `brand` needs `brand_kit`")
        return self

    def targets(self) -> list[PlatformPreset]:
        """The catalog formats the selectors name, in catalog order, once each."""
        return resolve(self.presets)
