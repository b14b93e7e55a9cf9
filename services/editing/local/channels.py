"""Colour and alpha apart, and back together: the algorithms work on RGB and carry alpha aside."""

import numpy as np
from cv2.typing import MatLike
from PIL import Image

Pixels = MatLike
"""An 8-bit image or plane as OpenCV and NumPy take it (rows, columns, channels)."""
Floats = MatLike
"""The same in float32, for arithmetic."""


def split_alpha(image: Image.Image) -> tuple[Pixels, Pixels | None]:
    """The image as an RGB array, and its alpha plane when it has one."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = np.asarray(image.convert("RGBA"))
        return np.ascontiguousarray(rgba[..., :3]), np.ascontiguousarray(rgba[..., 3])
    return np.asarray(image.convert("RGB")), None


def join_alpha(rgb: Pixels, alpha: Pixels | None) -> Image.Image:
    """An RGB or RGBA image of the planes."""
    if alpha is None:
        return Image.fromarray(rgb)
    return Image.fromarray(np.dstack([rgb, alpha]))
