"""The one way an image is opened: by content, within byte and pixel limits.

Format comes from magic bytes, never from a file name or a client's content type. Pixel limits are
checked from the header before any decoding, so a decompression bomb is refused without inflating.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image

from contracts.params.generate import ImageFormat
from shared.errors import PermanentError

_PIL_FORMATS = {"PNG": ImageFormat.PNG, "JPEG": ImageFormat.JPEG, "WEBP": ImageFormat.WEBP}


class ImageRejectedError(PermanentError):
    """An input image refused by content. Codes: `unsupported_media_type`, `payload_too_large`,
    `decompression_bomb`, `invalid_image`."""


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int
    max_pixels: int


@dataclass(frozen=True)
class ImageInfo:
    format: ImageFormat
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return self.format.content_type


def sniff_format(data: bytes) -> ImageFormat | None:
    """The format the leading bytes announce (PNG, JPEG, WebP), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ImageFormat.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return ImageFormat.JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ImageFormat.WEBP
    return None


def inspect_image(data: bytes, limits: ImageLimits) -> ImageInfo:
    """Check an encoded image fully (size, format, pixel count, decodability) and describe it."""
    image = open_image(data, limits)
    return ImageInfo(_PIL_FORMATS[image.format or ""], image.width, image.height)


def open_image(data: bytes, limits: ImageLimits) -> Image.Image:
    """Decode an image after the byte, format and pixel checks; raises `ImageRejectedError`."""
    if len(data) > limits.max_bytes:
        raise ImageRejectedError("payload_too_large", f"image is over {limits.max_bytes} bytes")
    declared = sniff_format(data)
    if declared is None:
        raise ImageRejectedError("unsupported_media_type", "not a PNG, JPEG or WebP image")
    try:
        image = Image.open(io.BytesIO(data), formats=[declared.name])
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejectedError("invalid_image", f"cannot read the {declared} header") from exc
    pixels = image.width * image.height
    if pixels > limits.max_pixels:
        raise ImageRejectedError(
            "decompression_bomb",
            f"{image.width}x{image.height} is {pixels} pixels; the limit is {limits.max_pixels}",
        )
    _decode(image, declared)
    return image


def _decode(image: Image.Image, declared: ImageFormat) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise ImageRejectedError("invalid_image", f"the {declared} data does not decode") from exc
