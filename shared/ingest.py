"""An uploaded image made ready to store: checked by content, AVIF/HEIC converted to a stored
format, its location removed (pixels are never re-encoded for that) and its pixels upright.

A photo whose EXIF orientation turns it (phones write 6 for a portrait) is stored turned upright
and re-encoded once (JPEG q95), so every later reader (edits, masks drawn on it as displayed,
providers that ignore EXIF) sees the size and the pixels the tenant sees."""

import hashlib
import io

from PIL import ExifTags, Image, ImageOps

from contracts.media import ImageFormat, StoredImage
from shared.images import (
    ImageLimits,
    ImageRejectedError,
    describe,
    open_convertible,
    open_image,
    sniff_convertible,
    sniff_format,
)
from shared.metadata import strip_location, without_gps

JPEG_QUALITY = 95
ORIENTATION = ExifTags.Base.Orientation
UNSUPPORTED = "not a PNG, JPEG, WebP, AVIF or HEIC image, nor WAV or MP3 audio"


def prepare_upload(data: bytes, limits: ImageLimits) -> tuple[bytes, StoredImage]:
    """The bytes to store and their description; raises `ImageRejectedError` (CPU work: run
    it on the CPU pool)."""
    if sniff_convertible(data) is not None:
        return converted(data, limits)
    if sniff_format(data) is None and len(data) <= limits.max_bytes:  # (too large: 413 first)
        raise ImageRejectedError("unsupported_media_type", UNSUPPORTED)
    image = describe(data, limits)
    clean = strip_location(data, ImageFormat(image.format))
    if _turned(clean):
        return _stored_upright(clean, ImageFormat(image.format), limits)
    if clean is data:
        return data, image
    return clean, image.model_copy(update={"bytes": len(clean), "sha256": _sha256(clean)})


def _turned(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif().get(ORIENTATION, 1) not in (0, 1)


def _stored_upright(
    data: bytes, fmt: ImageFormat, limits: ImageLimits
) -> tuple[bytes, StoredImage]:
    upright = ImageOps.exif_transpose(open_image(data, limits))
    encoded = _encode(upright, fmt)
    return encoded, _described(encoded, fmt, upright)


def converted(data: bytes, limits: ImageLimits) -> tuple[bytes, StoredImage]:
    """An AVIF or HEIC image as PNG (when it has alpha) or JPEG: turned upright as its EXIF
    orientation says, its EXIF kept but for GPS."""
    image = open_convertible(data, limits)
    upright = ImageOps.exif_transpose(image)
    fmt = ImageFormat.PNG if upright.has_transparency_data else ImageFormat.JPEG
    encoded = _encode(upright, fmt)
    return encoded, _described(encoded, fmt, upright)


def _described(encoded: bytes, fmt: ImageFormat, image: Image.Image) -> StoredImage:
    return StoredImage(
        content_type=fmt.content_type,
        format=fmt.value,
        width=image.width,
        height=image.height,
        bytes=len(encoded),
        sha256=_sha256(encoded),
    )


def _encode(image: Image.Image, fmt: ImageFormat) -> bytes:
    exif = without_gps(image.getexif())
    icc = image.info.get("icc_profile")
    out = io.BytesIO()
    if fmt is ImageFormat.PNG:
        image.save(out, "PNG", exif=exif, icc_profile=icc)
    elif fmt is ImageFormat.WEBP:
        image.save(out, "WEBP", quality=JPEG_QUALITY, exif=exif, icc_profile=icc)
    else:
        rgb = image.convert("RGB")
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, exif=exif, icc_profile=icc)
    return out.getvalue()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
