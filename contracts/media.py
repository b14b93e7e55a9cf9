"""Media formats, shared by every kind that reads or writes images."""

import math
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

AspectRatio = Literal[
    "1:1", "16:9", "9:16", "4:5", "5:4", "4:3", "3:4", "2:3", "3:2", "21:9", "9:21"
]
DEFAULT_PIXELS = 1024 * 1024
AssetId = Annotated[str, StringConstraints(pattern=r"^ast_[0-9A-Z]{26}$")]


class ImageFormat(StrEnum):
    """Encoded image formats the platform reads and writes."""

    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"

    @property
    def content_type(self) -> str:
        return f"image/{self.value}"


class StoredMedia(BaseModel):
    """What is known of every stored object, whatever made it: an image, a video, audio or a
    3D model (the fields that do not apply are null)."""

    content_type: str
    format: str
    width: int | None = None
    height: int | None = None
    bytes: int
    sha256: str
    duration_s: float | None = Field(default=None, description="Video and audio.")
    codec: str | None = Field(default=None, description="Video codec, or audio codec for audio.")
    audio_codec: str | None = Field(default=None, description="A video's audio track, if any.")
    frames: int | None = Field(default=None, description="Video frames.")

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class StoredImage(StoredMedia):
    """What is known of every stored image."""

    width: int
    height: int


def ratio_value(ratio: str) -> float:
    """`"16:9"` as a number (width over height)."""
    w, h = ratio.split(":")
    return int(w) / int(h)


def size_for_ratio(ratio: str, pixels: int = DEFAULT_PIXELS) -> tuple[int, int]:
    """A size of about `pixels` pixels with the given ratio, sides rounded to multiples of 64."""
    r = ratio_value(ratio)
    width = round(math.sqrt(pixels * r) / 64) * 64
    height = round(math.sqrt(pixels / r) / 64) * 64
    return width, height
