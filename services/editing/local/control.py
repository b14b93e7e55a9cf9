"""Several controls combined on the CPU (`control.multi`, quality `draft`): a classical
composite, not a generative model, so the prompt is not honoured.

- the layout is the structure and sketch images blended by their strengths (the source when
  there are none);
- each structure control darkens its edges (Canny) into it, each sketch its strokes;
- each style control moves its colours towards the style image's (Reinhard: mean and spread
  of each L*a*b* channel), as far as its strength."""

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

from contracts.params.multi_control import ControlInput
from services.editing.local.channels import Floats, Pixels, join_alpha, split_alpha

Controlled = tuple[ControlInput, Image.Image]
"""A control and its image."""


def combine(source: Image.Image, controls: Sequence[Controlled]) -> Image.Image:
    """An image of `source`'s size following every control."""
    rgb, alpha = split_alpha(source)
    size = (rgb.shape[1], rgb.shape[0])
    fitted = [(control, _rgb(image, size)) for control, image in controls]
    result = _layout(rgb, [(c, p) for c, p in fitted if c.type != "style"])
    for control, pixels in fitted:
        if control.type == "structure":
            result = _darken(result, _edges(pixels), control.strength)
        elif control.type == "sketch":
            result = _darken(result, _strokes(pixels), control.strength)
    for control, pixels in fitted:
        if control.type == "style":
            result = _styled(result, pixels, control.strength)
    return join_alpha(np.clip(result, 0, 255).astype(np.uint8), alpha)


def _rgb(image: Image.Image, size: tuple[int, int]) -> Pixels:
    fitted = image.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    return np.asarray(fitted)


def _layout(source: Pixels, guides: Sequence[tuple[ControlInput, Pixels]]) -> Floats:
    """The guides' images blended by strength (the source when none, or all at 0)."""
    weight = sum(control.strength for control, _ in guides)
    if weight == 0:
        return source.astype(np.float32)
    blended = sum(control.strength * pixels.astype(np.float32) for control, pixels in guides)
    return np.asarray(blended, dtype=np.float32) / weight


def _edges(pixels: Pixels) -> Floats:
    """Where the image has edges, 0–1."""
    grey = cv2.GaussianBlur(cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY), (3, 3), 0)
    edges = cv2.Canny(grey, 60, 150)
    return cv2.GaussianBlur(edges, (3, 3), 0).astype(np.float32) / 255


def _strokes(pixels: Pixels) -> Floats:
    """The sketch's dark lines, 0–1 (darker than their surroundings)."""
    grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    lines = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 8
    )
    return lines.astype(np.float32) / 255


def _darken(image: Floats, where: Floats, strength: float) -> Floats:
    return np.asarray(image * (1 - strength * where[..., None]), dtype=np.float32)


def _styled(image: Floats, style: Pixels, strength: float) -> Floats:
    """`image` with its L*a*b* statistics moved towards `style`'s by `strength`."""
    lab = cv2.cvtColor(np.clip(image, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)
    lab = lab.astype(np.float32)
    target = cv2.cvtColor(style, cv2.COLOR_RGB2LAB).astype(np.float32)
    mean, spread = lab.mean(axis=(0, 1)), lab.std(axis=(0, 1)) + 1e-3
    moved = (lab - mean) * (target.std(axis=(0, 1)) / spread) + target.mean(axis=(0, 1))
    mixed = np.clip(lab + strength * (moved - lab), 0, 255).astype(np.uint8)
    return np.asarray(cv2.cvtColor(mixed, cv2.COLOR_LAB2RGB), dtype=np.float32)
