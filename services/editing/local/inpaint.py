"""Erasing: masked pixels filled from their surroundings with OpenCV's Telea inpainting.

Telea alone smears a wide region into streaks and a flat centre, so wide regions are filled
coarse to fine: the hole is filled at half size (recursively) and upsampled, and at each finer
level a band along its edge is inpainted again and eased into the coarser fill. The photo's grain
is then added back inside the hole, so the fill does not read as a smooth patch.
"""

import cv2
import numpy as np
from PIL import Image

from services.editing.local.channels import Floats, Pixels, join_alpha, split_alpha
from shared.errors import PermanentError

__all__ = ["MAX_FRACTION", "erase"]

MAX_FRACTION = 0.25
"""Largest share of the image that classical inpainting fills convincingly."""
BAND = 6
"""Holes thinner than this (px from edge to centre) are inpainted directly; wider ones coarse to
fine."""
RAMP = (1.5, 18.0)
"""Depths (px) in a wide hole over which a level's own fill gives way to the coarser level's."""
MAX_GROW = 100
SEED = 7


def erase(image: Image.Image, mask: Image.Image, grow: int = 5) -> Image.Image:
    """The image with the mask's white (> 127) region, grown by `grow` px, filled in.
    A mask of another size is scaled to the image."""
    if not 0 <= grow <= MAX_GROW:
        raise PermanentError("invalid_params", f"grow must be 0 to {MAX_GROW} px")
    rgb, alpha = split_alpha(image)
    hole = _hole(mask, image.size, grow)
    window = _around(hole)
    rgb, part = rgb.copy(), rgb[window]
    rgb[window] = _grained(_filled(part, hole[window]), part, hole[window])
    if alpha is not None:
        alpha = alpha.copy()
        alpha[window] = _filled(alpha[window], hole[window])
    return join_alpha(rgb, alpha)


def _hole(mask: Image.Image, size: tuple[int, int], grow: int) -> Pixels:
    grey = mask.convert("L")
    if grey.size != size:
        grey = grey.resize(size, Image.Resampling.BILINEAR)
    hole: Pixels = (np.asarray(grey) > 127).astype(np.uint8)
    if grow > 0:
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1))
        hole = cv2.dilate(hole, kernel)
    share = float(hole.mean())
    if share == 0:
        raise PermanentError("nothing_selected", "the mask marks nothing: paint white to erase")
    if share > MAX_FRACTION:
        raise PermanentError(
            "region_too_large_for_local",
            f"{share:.0%} of the image is masked; local erase fills at most "
            f"{MAX_FRACTION:.0%}: mask less, or use quality standard for a provider",
        )
    return hole


def _around(hole: Pixels) -> tuple[slice, slice]:
    """The part of the image the fill looks at: the hole and half its size around it."""
    x, y, width, height = cv2.boundingRect(hole)
    margin = max(width, height) // 2 + 4 * BAND
    rows = slice(max(0, y - margin), min(hole.shape[0], y + height + margin))
    return rows, slice(max(0, x - margin), min(hole.shape[1], x + width + margin))


def _filled(pixels: Pixels, hole: Pixels) -> Pixels:
    """The hole inpainted, coarse to fine where it is wider than the band."""
    depth = cv2.distanceTransform(hole, cv2.DIST_L2, 3)
    if float(depth.max()) <= BAND or min(hole.shape) < 4 * BAND:
        return _telea(pixels, hole)
    height, width = hole.shape
    half = cv2.resize(pixels, ((width + 1) // 2, (height + 1) // 2), interpolation=cv2.INTER_AREA)
    half_hole = cv2.resize(hole * 255, (half.shape[1], half.shape[0]), interpolation=cv2.INTER_AREA)
    half_filled = _filled(half, (half_hole > 0).astype(np.uint8))
    coarse = cv2.resize(half_filled, (width, height), interpolation=cv2.INTER_CUBIC)
    seeded = np.where(_planes(hole, pixels) > 0, coarse, pixels)
    low, high = RAMP
    near = _telea(seeded, ((hole > 0) & (depth <= high)).astype(np.uint8))
    # This level's fill along the edge, the coarser one deeper in, with a ramp between: a hard
    # switch leaves rings, one per level.
    deep = _planes(np.clip((depth - low) / (high - low), 0, 1), pixels)
    mixed: Pixels = (near + (coarse.astype(np.float32) - near) * deep + 0.5).astype(np.uint8)
    return mixed


def _telea(pixels: Pixels, hole: Pixels) -> Pixels:
    filled: Pixels = cv2.inpaint(pixels, hole, 3, cv2.INPAINT_TELEA)
    return filled


def _grained(fill: Pixels, original: Pixels, hole: Pixels) -> Pixels:
    """The grain of the hole's surroundings added inside it, eased in over its first 2 px."""
    ring = cv2.dilate(hole, np.ones((15, 15), np.uint8)) - hole
    smooth = cv2.GaussianBlur(original, (0, 0), 1.5).astype(np.float32)
    detail = (original.astype(np.float32) - smooth)[ring > 0]
    if detail.size == 0:
        return fill
    grain = 1.4826 * float(np.median(np.abs(detail)))  # robust: edges in the ring do not count
    noise = np.random.default_rng(SEED).standard_normal(hole.shape[:2], np.float32) * grain
    ease = np.clip(cv2.distanceTransform(hole, cv2.DIST_L2, 3) / 2, 0, 1)
    out = fill.astype(np.float32) + _planes(noise * ease, fill)
    grained: Pixels = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    return grained


def _planes(plane: Floats, like: Pixels) -> Floats:
    """A 2-D plane broadcastable against `like` (which may be 2-D or have channels)."""
    return plane if like.ndim == 2 else plane[..., None]
