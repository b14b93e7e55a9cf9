"""Parameters of `edit.text_overlay` and `edit.watermark`: text or a logo drawn on the image by
the platform's CPU renderer, placed by anchor or box, inside a platform format's safe zone when
one is named. The brand kit they name lends its fonts and logo (filled in by `with_brand`)."""

from collections.abc import Mapping
from typing import Annotated, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.brand import BrandKit, HexColour
from contracts.catalog.fonts import BUNDLED_FONTS, face_problem
from contracts.catalog.models import Quality
from contracts.catalog.platforms import PRESETS
from contracts.media import AssetId
from contracts.params.image_inputs import ANY_SIZE, ImageJobParams, PixelRule

Anchor = Literal[
    "top-left", "top", "top-right", "left", "center", "right", "bottom-left", "bottom",
    "bottom-right",
]  # fmt: skip
Corner = Literal["top-left", "top-right", "bottom-left", "bottom-right", "center"]
BrandKitId = Annotated[str, StringConstraints(pattern=r"^bk_[0-9A-Za-z]{1,64}$")]
FontChoice = Literal["sans", "sans-bold", "serif", "display", "brand"]
MAX_TEXT = 500
LOGO = PixelRule(min_side=16, min_pixels=256)


class BrandKitMissingError(ValueError):
    """The brand kit lacks what the params take from it (its logo, a font)."""


class Box(BaseModel):
    """A rectangle in the source image's pixels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    x: int = Field(ge=0, le=16_383)
    y: int = Field(ge=0, le=16_383)
    width: int = Field(ge=8, le=16_383)
    height: int = Field(ge=8, le=16_383)


class Placed(ImageJobParams):
    """Where the overlay goes, and the one engine that draws it."""

    quality: Literal[Quality.DRAFT] = Field(
        default=Quality.DRAFT, description="Drawn by the platform's CPU renderer (`local`)."
    )
    margin: int = Field(default=32, ge=0, le=2000, description="Pixels kept from the edges.")
    box: Box | None = Field(default=None, description="Draw inside this box (overrides anchor).")
    platform_format: str | None = Field(
        default=None,
        description="A preset of `GET /v1/platforms`: the overlay stays inside its safe zone "
        "(scaled to the image).",
    )
    brand_kit: BrandKitId | None = Field(default=None, description="Lends its fonts and logo.")

    @model_validator(mode="after")
    def _format_exists(self) -> Self:
        if self.platform_format is not None and self.platform_format not in PRESETS:
            raise ValueError(f"unknown platform_format '{self.platform_format}'")
        return self

    def with_brand(self, kit: BrandKit) -> Self:
        """These params with what they leave to the brand kit filled in from `kit`."""
        return self


class TextOverlayParams(Placed):
    """Text drawn on the image: a bundled or uploaded font, sized to fit, coloured against the
    pixels underneath, with an optional shadow, outline or band behind it."""

    KIND = "edit.text_overlay"
    FONTS: ClassVar[tuple[str, ...]] = ("font_asset_id",)

    text: str = Field(min_length=1, max_length=MAX_TEXT, description="Line breaks as `\\n`.")
    font: FontChoice = Field(
        default="sans",
        description="A bundled family (Noto Sans/Serif with Arabic, Hebrew and Devanagari "
        "faces; League Spartan display), or `brand`: the brand kit's first font.",
    )
    font_asset_id: AssetId | None = Field(
        default=None, description="An uploaded font (`POST /v1/fonts`); overrides `font`."
    )
    size: int | Literal["auto"] = Field(
        default="auto", description="Pixels per line, or `auto`: the largest that fits."
    )
    color: HexColour | Literal["auto"] = Field(
        default="auto", description="`auto`: white or near-black, whichever contrasts more."
    )
    anchor: Anchor = "bottom"
    align: Literal["left", "center", "right"] = "center"
    shadow: bool = False
    outline: int = Field(default=0, ge=0, le=20, description="Outline width in pixels.")
    band: HexColour | None = Field(default=None, description="A band of this colour behind.")
    band_opacity: float = Field(default=0.6, ge=0, le=1)

    @model_validator(mode="after")
    def _text_fits_the_font(self) -> Self:
        if not self.text.strip():
            raise ValueError("text has nothing to draw")
        if isinstance(self.size, int) and not 6 <= self.size <= 2000:
            raise ValueError("size must be 6 to 2000 px, or auto")
        if self.font == "brand" and self.brand_kit is None and self.font_asset_id is None:
            raise ValueError("font `brand` needs `brand_kit`")
        if self.font_asset_id is None and self.font in BUNDLED_FONTS:
            problem = face_problem(self.font, self.text)
            if problem is not None:
                raise ValueError(problem)
        return self

    def with_brand(self, kit: BrandKit) -> Self:
        if self.font != "brand" or self.font_asset_id is not None:
            return self
        if not kit.fonts:
            raise BrandKitMissingError(f"brand kit {kit.id} has no fonts")
        return self.model_copy(update={"font_asset_id": kit.fonts[0]})


class WatermarkParams(Placed):
    """A logo composited on the image: the brand kit's or a given image asset."""

    KIND = "edit.watermark"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": ANY_SIZE, "logo_asset_id": LOGO}

    logo_asset_id: AssetId | None = Field(
        default=None, description="The logo image (PNG with alpha is best); default: the kit's."
    )
    corner: Corner = "bottom-right"
    margin: int = Field(default=24, ge=0, le=2000, description="Pixels kept from the edges.")
    scale: float = Field(
        default=0.15, gt=0, le=1, description="The logo's width as a share of the image's."
    )
    opacity: float = Field(default=0.8, gt=0, le=1)

    @model_validator(mode="after")
    def _has_a_logo(self) -> Self:
        if self.logo_asset_id is None and self.brand_kit is None:
            raise ValueError("give logo_asset_id or brand_kit (whose logo is used)")
        return self

    def with_brand(self, kit: BrandKit) -> Self:
        if self.logo_asset_id is not None:
            return self
        if kit.logo_asset_id is None:
            raise BrandKitMissingError(f"brand kit {kit.id} has no logo")
        return self.model_copy(update={"logo_asset_id": kit.logo_asset_id})
