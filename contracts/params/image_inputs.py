"""What every edit, upscale and control kind shares: the source image, routing fields, and the
pixel rules of each image it reads (from the providers' documented limits), checked when the
job is submitted, once the gateway knows the inputs' sizes."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.catalog.models import Quality, UnknownModelError
from contracts.catalog.registry import engines
from contracts.catalog.styles import STYLES
from contracts.media import AssetId, ImageFormat, StoredImage, StoredMedia
from contracts.params.generate import MAX_SEED, CatalogId, ProviderName
from contracts.params.kind import KindParams

MAX_OUTPUT_PIXELS = 16_777_216


@dataclass(frozen=True)
class PixelRule:
    """The sizes an input image may have."""

    min_side: int = 64
    max_side: int = 16_383
    min_pixels: int = 4_096
    max_pixels: int = 9_437_184
    max_aspect: float | None = None

    def problem(self, width: int, height: int) -> str | None:
        """Why a `width`x`height` image breaks the rule, or None."""
        pixels = width * height
        if min(width, height) < self.min_side or max(width, height) > self.max_side:
            return f"each side must be {self.min_side} to {self.max_side} px ({width}x{height})"
        if not self.min_pixels <= pixels <= self.max_pixels:
            return f"must have {self.min_pixels} to {self.max_pixels} pixels (it has {pixels})"
        if self.max_aspect is not None and max(width, height) > self.max_aspect * min(
            width, height
        ):
            return f"aspect ratio must be within 1:{self.max_aspect:g} and {self.max_aspect:g}:1"
        return None


ANY_SIZE = PixelRule()
UP_TO_9MP = PixelRule(max_aspect=2.5)
UP_TO_4MP = PixelRule(max_pixels=4_194_304)
UP_TO_1MP = PixelRule(max_pixels=1_048_576)
FAST_UPSCALE = PixelRule(min_side=32, max_side=1536, min_pixels=1024, max_pixels=1_048_576)


class ChecksInputs(KindParams):
    """Params naming input images whose sizes the gateway checks at submission (`RULES`)."""

    RULES: ClassVar[Mapping[str, PixelRule]] = {}
    """The pixel rule of each image param."""
    AUDIO: ClassVar[tuple[str, ...]] = ()
    """Params naming audio inputs (checked by `kind_problems`)."""
    FONTS: ClassVar[tuple[str, ...]] = ()
    """Params naming uploaded fonts (`font/ttf`, `font/otf`)."""

    @classmethod
    def media_params(cls) -> tuple[str, ...]:
        """The params naming assets the job reads: images, then audio, then fonts."""
        return (*cls.RULES, *cls.AUDIO, *cls.FONTS)

    @classmethod
    def media_type(cls, name: str) -> str:
        """The top-level media type the input `name` must have: `image`, `audio` or `font`."""
        return "audio" if name in cls.AUDIO else "font" if name in cls.FONTS else "image"

    def input_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        """(param, reason) for each input that does not fit the kind."""
        images = {name: as_image(inputs[name]) for name in self.RULES if name in inputs}
        problems = [(name, "is not an image") for name, image in images.items() if image is None]
        problems += [
            (name, "is not audio")
            for name in self.AUDIO
            if name in inputs and not inputs[name].content_type.startswith("audio/")
        ]
        if problems:
            return problems
        for name, image in images.items():
            assert image is not None
            reason = self.RULES[name].problem(image.width, image.height)
            if reason is not None:
                problems.append((name, reason))
        return problems + self.kind_problems(inputs)

    def kind_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        """Problems only this kind has (a mask of another size, audio too long, a result too
        large); every image input is known to be an image here."""
        return []


class ImageJobParams(ChecksInputs):
    """A job that reads one source image (`asset_id`) and writes one new image: a new version
    of the source, which is never overwritten."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": ANY_SIZE}

    asset_id: AssetId = Field(description="The image to work on (an upload or any result).")
    quality: Quality = Field(
        default=Quality.STANDARD,
        description="`draft` runs the platform's own CPU algorithm where one exists (cheap, "
        "labelled `local`); `standard` and `premium` use an AI provider.",
    )
    provider: ProviderName = Field(default="auto", description="Pin one engine (`local`, ...).")
    output_format: ImageFormat = Field(default=ImageFormat.PNG)
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED)

    @model_validator(mode="after")
    def _an_engine_runs_it(self) -> Self:
        try:
            engines(self.KIND, self.quality, self.provider)
        except UnknownModelError as exc:
            raise ValueError(str(exc)) from None
        return self


def image_of(media: StoredMedia) -> StoredImage:
    """An input known to be an image (checked by `input_problems`), with its size."""
    image = as_image(media)
    if image is None:
        raise ValueError("not an image")
    return image


def as_image(media: StoredMedia) -> StoredImage | None:
    """`media` as an image (with its size), or None when it is not one."""
    if not media.is_image or media.width is None or media.height is None:
        return None
    return StoredImage.model_validate(media.model_dump())


class Styled(BaseModel):
    style: CatalogId | None = Field(default=None, description="A preset of `GET /v1/styles`.")

    @model_validator(mode="after")
    def _style_exists(self) -> Self:
        if self.style is not None and self.style not in STYLES:
            raise ValueError(f"unknown style '{self.style}' (see GET /v1/styles)")
        return self


def mask_problems(
    inputs: Mapping[str, StoredMedia], mask: str = "mask_id"
) -> list[tuple[str, str]]:
    """A mask must be a PNG of exactly its image's size."""
    if "asset_id" not in inputs or mask not in inputs:
        return []
    image, given = image_of(inputs["asset_id"]), image_of(inputs[mask])
    if given.format != ImageFormat.PNG.value:
        return [(mask, f"a mask must be a PNG (this one is {given.format})")]
    if (given.width, given.height) != (image.width, image.height):
        return [
            (
                mask,
                f"the mask is {given.width}x{given.height}; "
                f"it must be the image's size, {image.width}x{image.height}",
            )
        ]
    return []
