"""An uploaded image made ready to store: checked by content, AVIF/HEIC converted to a stored
format, and its location removed (pixels of stored formats are never re-encoded for that)."""

import hashlib
import io

from PIL import Image, ImageOps

from contracts.media import ImageFormat, StoredImage
from shared.images import (
    ImageLimits,
    ImageRejectedError,
    describe,
    open_convertible,
    sniff_convertible,
    sniff_format,
)
from shared.metadata import strip_location, without_gps

JPEG_QUALITY = 95
UNSUPPORTED = "not a PNG, JPEG, WebP, AVIF or HEIC image"


def prepare_upload(data: bytes, limits: ImageLimits) -> tuple[bytes, StoredImage]:
    """The bytes to store and their description; raises `ImageRejectedError` (CPU work: run
    it on the CPU pool)."""
    if sniff_convertible(data) is not None:
        return converted(data, limits)
    if sniff_format(data) is None and len(data) <= limits.max_bytes:  # (too large: 413 first)
        raise ImageRejectedError("unsupported_media_type", UNSUPPORTED)
    image = describe(data, limits)
    clean = strip_location(data, ImageFormat(image.format))
    if clean is data:
        return data, image
    return clean, image.model_copy(update={"bytes": len(clean), "sha256": _sha256(clean)})


def converted(data: bytes, limits: ImageLimits) -> tuple[bytes, StoredImage]:
    """An AVIF or HEIC image as PNG (when it has alpha) or JPEG: turned upright as its EXIF
    orientation says, its EXIF kept but for GPS."""
    image, _ = open_convertible(data, limits)
    upright = ImageOps.exif_transpose(image)
    fmt = ImageFormat.PNG if upright.has_transparency_data else ImageFormat.JPEG
    encoded = _encode(upright, fmt)
    stored = StoredImage(
        content_type=fmt.content_type,
        format=fmt.value,
        width=upright.width,
        height=upright.height,
        bytes=len(encoded),
        sha256=_sha256(encoded),
    )
    return encoded, stored


def _encode(image: Image.Image, fmt: ImageFormat) -> bytes:
    exif = without_gps(image.getexif())
    icc = image.info.get("icc_profile")
    out = io.BytesIO()
    if fmt is ImageFormat.PNG:
        image.save(out, "PNG", exif=exif, icc_profile=icc)
    else:
        rgb = image.convert("RGB")
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, exif=exif, icc_profile=icc)
    return out.getvalue()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
