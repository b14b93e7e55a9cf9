"""Recolouring: a region's hue (and saturation) moved to a named colour, its shading kept.

The region is a mask, or the pixels whose hue is near a colour named in `select` ("the red
car"). The work is in HSV: hue is set to the target's (keeping the region's own variation around
its centre), saturation moved most of the way to the target's, value left alone. The region's
edge is softened so the change fades over a pixel or two.
"""

import cv2
import numpy as np
from PIL import Image

from contracts.catalog.colours import COLOURS, Colour, colour_in, words
from services.editing.local.channels import Floats, join_alpha, split_alpha
from shared.errors import PermanentError

__all__ = ["recolor"]


INTENSITY = {"bright": 1.15, "vivid": 1.15, "deep": 1.1, "pale": 0.5, "light": 0.6, "pastel": 0.45}
"""Words before the colour that scale its saturation (value stays: the shading is kept)."""
HUE_REACH = (18.0, 32.0)
"""A selected hue counts fully within the first distance (degrees) and fades out by the second."""
MIN_SATURATION = (0.18, 0.3)
"""Greys have no hue to go by: selection fades in between these saturations."""
STRENGTH = 0.8
"""How far saturation moves toward the target's."""


def recolor(
    image: Image.Image, target: str, select: str | None = None, mask: Image.Image | None = None
) -> Image.Image:
    """The region (`mask`'s white, else the pixels of the colour named in `select`) turned to
    the colour named in `target`; everything else unchanged, alpha kept."""
    goal = _target(target)
    rgb, alpha = split_alpha(image)
    hsv = cv2.cvtColor(rgb.astype(np.float32) / 255, cv2.COLOR_RGB2HSV)
    if mask is not None:
        weight = _masked(mask, image.size)
        centre = _mean_hue(hsv, weight)
    else:
        named = _selected_colour(select)
        weight, centre = _of_colour(hsv, named), named.hue or 0.0
    if float(weight.sum()) < max(16.0, 0.001 * weight.size):
        raise PermanentError(
            "nothing_selected",
            "no pixels of the selected colour (or under the mask) were found: name a colour "
            "that is in the image, or send a mask",
        )
    weight = _softened(weight)
    changed = cv2.cvtColor(_moved(hsv, goal, centre), cv2.COLOR_HSV2RGB) * 255
    mixed = rgb + (changed - rgb) * weight[..., None]
    out = np.where(weight[..., None] > 0, np.clip(mixed + 0.5, 0, 255).astype(np.uint8), rgb)
    return join_alpha(out, alpha)


def _target(text: str) -> Colour:
    """The colour named in `text`, its saturation scaled by words such as "bright" or "pale"."""
    name = colour_in(text)
    if name is None:
        raise PermanentError(
            "colour_not_understood",
            f"no colour word in {text!r}: name one of {', '.join(sorted(COLOURS))}",
        )
    colour = COLOURS[name]
    scale = np.prod([INTENSITY.get(word, 1.0) for word in words(text)])
    return Colour(colour.hue, min(1.0, colour.saturation * float(scale)))


def _selected_colour(select: str | None) -> Colour:
    name = colour_in(select or "")
    if name is None:
        raise PermanentError(
            "colour_not_understood",
            "say which colour to change (e.g. 'the red car'), or send a mask of the region",
        )
    return COLOURS[name]


def _masked(mask: Image.Image, size: tuple[int, int]) -> Floats:
    grey = mask.convert("L")
    if grey.size != size:
        grey = grey.resize(size, Image.Resampling.BILINEAR)
    return (np.asarray(grey) > 127).astype(np.float32)


def _of_colour(hsv: Floats, colour: Colour) -> Floats:
    """How much each pixel is of `colour`: by hue distance, or by greyness for grey."""
    saturation = hsv[..., 1]
    low, high = MIN_SATURATION
    chroma = np.clip((saturation - low) / (high - low), 0, 1)
    if colour.hue is None:
        grey: Floats = (1 - chroma).astype(np.float32)
        return grey
    distance = np.abs((hsv[..., 0] - colour.hue + 180) % 360 - 180)
    near, far = HUE_REACH
    closeness = np.clip((far - distance) / (far - near), 0, 1)
    dark = np.clip(hsv[..., 2] / 0.15, 0, 1)  # near-black pixels have no trustworthy hue
    weight: Floats = (closeness * chroma * dark).astype(np.float32)
    return weight


def _mean_hue(hsv: Floats, weight: Floats) -> float:
    """The region's circular mean hue (weighted by saturation), in degrees."""
    radians = np.deg2rad(hsv[..., 0])
    strength = weight * hsv[..., 1]
    angle = np.arctan2((strength * np.sin(radians)).sum(), (strength * np.cos(radians)).sum())
    return float(np.rad2deg(angle)) % 360


def _softened(weight: Floats) -> Floats:
    """The region's edge eased over a pixel or two (more on large images)."""
    sigma = max(1.0, 0.0015 * max(weight.shape))
    soft: Floats = cv2.GaussianBlur(weight, (0, 0), sigma)
    return soft


def _moved(hsv: Floats, goal: Colour, centre: float) -> Floats:
    """Hue turned so the region's centre lands on the goal's; saturation moved toward it."""
    moved = hsv.copy()
    if goal.hue is not None:
        moved[..., 0] = (hsv[..., 0] - centre + goal.hue) % 360
    moved[..., 1] = hsv[..., 1] + (goal.saturation - hsv[..., 1]) * STRENGTH
    return moved
