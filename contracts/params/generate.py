"""Parameters of the `generate` kind (text to image)."""

import math
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.media import ImageFormat

AspectRatio = Literal[
    "1:1", "16:9", "9:16", "4:5", "5:4", "4:3", "3:4", "2:3", "3:2", "21:9", "9:21"
]

MIN_SIDE = 64
MAX_SIDE = 4096
MAX_PIXELS = 9_437_184  # the largest output of the providers we route to
DEFAULT_PIXELS = 1024 * 1024
MAX_SEED = 4_294_967_294


class Quality(StrEnum):
    """Quality tier: `draft` may use the local renderer; the others need a real provider."""

    DRAFT = "draft"
    STANDARD = "standard"
    PREMIUM = "premium"


Prompt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
ProviderName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]


class GenerateParams(BaseModel):
    """Text-to-image request. Size comes from `width`+`height`, else from `aspect_ratio` (~1 MP)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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
        default="auto", description="`auto` routes by quality; a name pins one provider."
    )
    quality: Quality = Field(default=Quality.STANDARD)

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
        return size_for_ratio(self.aspect_ratio or "1:1")


def _ratio_value(ratio: str) -> float:
    w, h = ratio.split(":")
    return int(w) / int(h)


def _ratio_matches(ratio: str, width: int, height: int) -> bool:
    return abs(width / height - _ratio_value(ratio)) <= 0.02 * _ratio_value(ratio)


def size_for_ratio(ratio: str, pixels: int = DEFAULT_PIXELS) -> tuple[int, int]:
    """A size of about `pixels` pixels with the given ratio, sides rounded to multiples of 64."""
    r = _ratio_value(ratio)
    width = round(math.sqrt(pixels * r) / 64) * 64
    height = round(math.sqrt(pixels / r) / 64) * 64
    return width, height
