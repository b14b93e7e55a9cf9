"""Outpainting: a larger canvas, the original placed unchanged, the border continued from it.

The border is the image mirrored outward (so the seam is continuous), blended with distance from
the seam toward ever blurrier copies of that mirror: near the seam it carries the image's detail,
far out only its broad colours, so mirrored shapes fade instead of repeating sharply.
"""

import cv2
import numpy as np
from PIL import Image

from services.editing.local.channels import Floats, Pixels, join_alpha, split_alpha
from shared.errors import PermanentError

__all__ = ["MAX_SIDE", "outpaint"]

MAX_SIDE = 2000
SHARP = 0.1
"""Distance from the seam, as a share of the image's shorter side, over which the sharp mirror
fades into the blurred ones."""
REACH = (0.1, 0.4, 1.0)
"""Distances (same unit) where each blur level is whole; between them the levels are mixed."""
SIGMAS = (1 / 60, 1 / 15, 1 / 5)
"""Gaussian sigma of each blur level, as a share of the image's shorter side."""
Box = tuple[int, int, int, int]
"""left, top, right, bottom"""


def outpaint(image: Image.Image, left: int, right: int, up: int, down: int) -> Image.Image:
    """The image on a canvas `left`, `right`, `up` and `down` px larger, the border filled."""
    sides = (left, right, up, down)
    if not all(0 <= side <= MAX_SIDE for side in sides) or not any(sides):
        raise PermanentError(
            "invalid_params", f"each side must be 0 to {MAX_SIDE} px, and one more than 0"
        )
    rgb, alpha = split_alpha(image)
    pixels = rgb if alpha is None else np.dstack([rgb, alpha])
    out = _extended(pixels, sides)
    out[up : up + image.height, left : left + image.width] = pixels  # bit for bit
    return join_alpha(np.ascontiguousarray(out[..., :3]), None if alpha is None else out[..., 3])


def _extended(pixels: Pixels, sides: tuple[int, int, int, int]) -> Pixels:
    """The mirrored canvas, faded with distance from the seam into its blurred levels."""
    left, right, up, down = sides
    height, width = pixels.shape[:2]
    shorter = min(height, width)
    mirror = cv2.copyMakeBorder(pixels, up, down, left, right, cv2.BORDER_REFLECT)
    out = _blurred(mirror, (left, up, left + width, up + height), shorter)
    # Only a band around the original is near enough to keep some of the sharp mirror.
    band = int(np.ceil(SHARP * shorter))
    x0, y0 = max(0, left - band), max(0, up - band)
    x1, y1 = min(out.shape[1], left + width + band), min(out.shape[0], up + height + band)
    inner = (left - x0, up - y0, left - x0 + width, up - y0 + height)
    sharp = np.clip(1 - _distance((y1 - y0, x1 - x0), inner) / (SHARP * shorter), 0, 1)
    out[y0:y1, x0:x1] = cv2.blendLinear(mirror[y0:y1, x0:x1], out[y0:y1, x0:x1], sharp, 1 - sharp)
    return out


def _blurred(mirror: Pixels, inner: Box, shorter: int) -> Pixels:
    """The blur levels mixed by distance from `inner`, worked out on a copy small enough that the
    smallest sigma is a few px (the levels hold no detail a full-size copy would keep)."""
    height, width = mirror.shape[:2]
    scale = max(1.0, SIGMAS[0] * shorter / 3)
    size = (max(1, round(width / scale)), max(1, round(height / scale)))
    small = cv2.resize(mirror, size, interpolation=cv2.INTER_AREA).astype(np.float32)
    box = tuple(round(edge / scale) for edge in inner)
    near = _distance(small.shape[:2], (box[0], box[1], box[2], box[3])) * scale / shorter
    out = np.zeros(small.shape, np.float32)
    for level, sigma in enumerate(SIGMAS):
        share = np.interp(near, REACH, np.eye(len(REACH))[level]).astype(np.float32)
        out += cv2.GaussianBlur(small, (0, 0), sigma * shorter / scale) * share[..., None]
    mixed = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    large: Pixels = cv2.resize(mixed, (width, height), interpolation=cv2.INTER_LINEAR)
    return large


def _distance(shape: tuple[int, int], inner: Box) -> Floats:
    """Each pixel's distance in px from the `inner` box (0 inside it)."""
    outside = np.ones(shape, np.uint8)
    outside[inner[1] : inner[3], inner[0] : inner[2]] = 0
    distance: Floats = cv2.distanceTransform(outside, cv2.DIST_L2, 3)
    return distance
