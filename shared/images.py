"""The one way an image is opened: by content, within byte and pixel limits.

Format comes from magic bytes, never from a file name or a client's content type. Pixel limits are
checked from the header before any decoding, so a decompression bomb is refused without inflating.
AVIF and HEIC are read too (when this server's codecs can), to be converted before storing: the
platform stores PNG, JPEG and WebP only.
"""

import hashlib
import io
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from PIL import Image, features

from contracts.media import ImageFormat, StoredImage
from shared.errors import PermanentError


class ImageRejectedError(PermanentError):
    """An input image refused by content. Codes: `unsupported_media_type`, `payload_too_large`,
    `decompression_bomb`, `invalid_image`."""


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int
    max_pixels: int


class Convertible(StrEnum):
    """Formats read on input only, and converted before storing (value: Pillow's plugin)."""

    AVIF = "AVIF"
    HEIC = "HEIF"

    @property
    def label(self) -> str:
        return self.name


BRANDS = {
    Convertible.AVIF: {b"avif", b"avis"},
    Convertible.HEIC: {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"},
}
GENERIC_HEIF_BRANDS = {b"mif1", b"msf1"}
"""HEIF brands any codec may sit under: HEIC unless an AVIF brand is listed too."""


@dataclass(frozen=True)
class ImageInfo:
    format: ImageFormat
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return self.format.content_type


def describe(data: bytes, limits: ImageLimits) -> StoredImage:
    """Check an encoded image fully and describe it as it will be stored (CPU work: run it on
    the CPU pool)."""
    info = inspect_image(data, limits)
    return StoredImage(
        content_type=info.content_type,
        format=info.format.value,
        width=info.width,
        height=info.height,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def described(data: bytes, width: int, height: int, fmt: ImageFormat) -> StoredImage:
    """An image `conform` made (so known to be exactly `width`x`height` in `fmt`), described as
    it will be stored without decoding it again."""
    return StoredImage(
        content_type=fmt.content_type,
        format=fmt.value,
        width=width,
        height=height,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def sniff_format(data: bytes) -> ImageFormat | None:
    """The format the leading bytes announce (PNG, JPEG, WebP), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ImageFormat.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return ImageFormat.JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ImageFormat.WEBP
    return None


def sniff_convertible(data: bytes) -> Convertible | None:
    """AVIF or HEIC, as the ISO-BMFF `ftyp` box's brands announce, or None."""
    if data[4:8] != b"ftyp":
        return None
    end = min(int.from_bytes(data[:4], "big"), len(data), 256)
    brands = {data[8:12]} | {data[at : at + 4] for at in range(16, end - 3, 4)}
    for kind, known in BRANDS.items():
        if brands & known:
            return kind
    return Convertible.HEIC if brands & GENERIC_HEIF_BRANDS else None


def open_convertible(data: bytes, limits: ImageLimits) -> Image.Image:
    """Decode an AVIF or HEIC image after the byte, codec and pixel checks; raises
    `ImageRejectedError` (`unsupported_media_type` when this server has no codec for it)."""
    _refuse_too_large(data, limits)
    kind = sniff_convertible(data)
    if kind is None:
        raise ImageRejectedError("unsupported_media_type", "not an AVIF or HEIC image")
    if not _readable(kind):
        raise ImageRejectedError(
            "unsupported_media_type", f"{kind.label} is not readable on this server"
        )
    image = _header_as(data, kind.value, kind.label, limits)
    _decode(image, kind.label)
    return image


def inspect_image(data: bytes, limits: ImageLimits) -> ImageInfo:
    """Check an encoded image fully (size, format, pixel count, decodability) and describe it."""
    image, declared = _open(data, limits)
    return ImageInfo(declared, image.width, image.height)


def open_image(data: bytes, limits: ImageLimits) -> Image.Image:
    """Decode an image after the byte, format and pixel checks; raises `ImageRejectedError`."""
    return _open(data, limits)[0]


def encode(image: Image.Image, fmt: ImageFormat) -> bytes:
    """The platform's one encoding of each output format."""
    out = io.BytesIO()
    if fmt is ImageFormat.PNG:
        image.save(out, "PNG", compress_level=3)
    elif fmt is ImageFormat.JPEG:
        image.convert("RGB").save(out, "JPEG", quality=90)
    else:
        image.save(out, "WEBP", quality=85)
    return out.getvalue()


def conform(data: bytes, width: int, height: int, fmt: ImageFormat, limits: ImageLimits) -> bytes:
    """`data` as exactly `width`x`height` in `fmt`: as is when it already is, else scaled to
    cover the size and centre-cropped (providers offer a few aspect ratios; jobs ask for any)."""
    image, declared = _open(data, limits)
    if image.size == (width, height) and declared is fmt:
        return data
    if image.size != (width, height):
        scale = max(width / image.width, height / image.height)
        cover = (max(width, round(image.width * scale)), max(height, round(image.height * scale)))
        image = image.resize(cover, Image.Resampling.LANCZOS)
        left, top = (cover[0] - width) // 2, (cover[1] - height) // 2
        image = image.crop((left, top, left + width, top + height))
    return encode(image, fmt)


def open_encoded(data: bytes, limits: ImageLimits) -> Image.Image:
    """Open an image by content after the byte, format and pixel checks, without decoding it
    yet (so a caller may ask for a JPEG draft scale); raises `ImageRejectedError`."""
    return _header(data, limits)[0]


def _header(data: bytes, limits: ImageLimits) -> tuple[Image.Image, ImageFormat]:
    declared = _sniff_or_refuse(data, limits)
    # The format is fixed by the magic bytes; Pillow may name variants (MPO for a JPEG with a
    # depth map, as phones write) but decodes them with the same plugin.
    return _header_as(data, declared.name, str(declared), limits), declared


def _header_as(data: bytes, plugin: str, label: str, limits: ImageLimits) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=[plugin])
    except Image.DecompressionBombError as exc:
        raise _bomb(limits) from exc
    except (OSError, ValueError) as exc:
        raise ImageRejectedError("invalid_image", f"cannot read the {label} header") from exc
    if image.width * image.height > limits.max_pixels:
        raise _bomb(limits, image.width, image.height)
    return image


def _open(data: bytes, limits: ImageLimits) -> tuple[Image.Image, ImageFormat]:
    image, declared = _header(data, limits)
    _decode(image, str(declared))
    return image, declared


def _decode(image: Image.Image, label: str) -> None:
    try:
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageRejectedError("invalid_image", f"the {label} data does not decode") from exc


@cache
def _readable(kind: Convertible) -> bool:
    """Whether this server's codecs read `kind` (HEIC through pillow-heif, when installed)."""
    if kind is Convertible.AVIF:
        return bool(features.check("avif"))
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener(thumbnails=False)
    return True


def _refuse_too_large(data: bytes, limits: ImageLimits) -> None:
    if len(data) > limits.max_bytes:
        raise ImageRejectedError("payload_too_large", f"image is over {limits.max_bytes} bytes")


def _sniff_or_refuse(data: bytes, limits: ImageLimits) -> ImageFormat:
    _refuse_too_large(data, limits)
    declared = sniff_format(data)
    if declared is None:
        raise ImageRejectedError("unsupported_media_type", "not a PNG, JPEG or WebP image")
    return declared


def _bomb(limits: ImageLimits, width: int = 0, height: int = 0) -> ImageRejectedError:
    size = f"{width}x{height} is {width * height} pixels; " if width else ""
    return ImageRejectedError(
        "decompression_bomb", f"{size}the limit is {limits.max_pixels} pixels"
    )
