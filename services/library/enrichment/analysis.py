"""What an image is: colour space, dominant colours, perceptual hash, orientation, faces and
text, and a colour histogram for "similar by colour" (CPU work: run it on the CPU pool)."""

import io
from dataclasses import dataclass
from typing import Literal

import imagehash
import numpy as np
from PIL import Image, ImageOps

from contracts.http.assets import ImageFacts
from services.library.enrichment.colors import color_names, dominant_colors, histogram
from shared.detection import analysis_grey, detect_faces, detect_text
from shared.images import ImageLimits, ImageRejectedError, open_encoded

WORKING_SIDE = 1024
"""The image is analysed at most this large (the detectors look at 640x480 of it)."""
PREVIEW_QUALITY = 85
Orientation = Literal["landscape", "portrait", "square"]
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


@dataclass(frozen=True)
class ImageAnalysis:
    facts: ImageFacts
    color_vector: bytes = b""
    preview: bytes | None = None
    """The working copy as a JPEG, for a vision provider (when asked for)."""


def analyse(data: bytes, limits: ImageLimits, *, preview: bool = False) -> ImageAnalysis:
    """Measure an encoded image; raises `ImageRejectedError` when it does not decode."""
    image = open_encoded(data, limits)
    color_space = image.mode
    rgb = _working_copy(image)
    pixels = np.asarray(rgb)
    grey = analysis_grey(pixels)
    colors = dominant_colors(rgb)
    facts = ImageFacts(
        color_space=color_space,
        dominant_colors=colors,
        color_names=color_names(colors),
        phash=str(imagehash.phash(rgb)),
        orientation=orientation(*rgb.size),
        has_faces=bool(detect_faces(grey)),
        has_text=bool(detect_text(grey)),
    )
    return ImageAnalysis(facts, histogram(pixels), _jpeg(rgb) if preview else None)


def orientation(width: int, height: int) -> Orientation:
    if width == height:
        return "square"
    return "landscape" if width > height else "portrait"


def _working_copy(image: Image.Image) -> Image.Image:
    """Decoded at most `WORKING_SIDE` (a JPEG at its draft scale), upright, as RGB over
    white."""
    try:
        image.thumbnail((WORKING_SIDE, WORKING_SIDE))
        image.load()  # (an image already that small is not loaded by `thumbnail`)
    except _DECODE_ERRORS as exc:
        raise ImageRejectedError("invalid_image", "the image data does not decode") from exc
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):  # 16-bit grey: keep the top 8 bits
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=PREVIEW_QUALITY)
    return out.getvalue()
