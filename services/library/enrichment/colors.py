"""An image's colours: the few that cover most of it, their names, and a colour histogram."""

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from services.library.catalog.columns import COLOR_DIM

MAX_COLORS = 5
MIN_SHARE = 0.03
"""A colour covering less of the image is not one of its dominant colours."""
SAMPLE_SIDE = 64
"""Dominant colours are found on a copy this small (the quantizer's work is per pixel)."""
PALETTE = {
    "black": "#000000",
    "grey": "#808080",
    "white": "#ffffff",
    "red": "#e02020",
    "maroon": "#800000",
    "orange": "#ff8c00",
    "brown": "#8b5a2b",
    "beige": "#e8d8b0",
    "yellow": "#ffe020",
    "olive": "#808000",
    "green": "#20a040",
    "teal": "#008080",
    "cyan": "#20d0e0",
    "blue": "#2050e0",
    "navy": "#000080",
    "purple": "#8030a0",
    "pink": "#ff80c0",
}
"""The names colours are given: the nearest of these in CIELAB."""
_BINS = round(COLOR_DIM ** (1 / 3))  # per channel: 4x4x4
_D65 = np.array([0.95047, 1.0, 1.08883])
_SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
Floats = NDArray[np.float64]


def dominant_colors(image: Image.Image) -> list[str]:
    """Up to `MAX_COLORS` colours of an RGB image as `#rrggbb`, most covering first."""
    small = image.copy()
    small.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
    quantized = small.quantize(colors=2 * MAX_COLORS, method=Image.Quantize.MEDIANCUT)
    palette: list[int] = list(quantized.getpalette() or [])
    counts = sorted(quantized.getcolors() or [], reverse=True)
    total = small.width * small.height
    found: list[str] = []
    for count, index in counts:
        assert isinstance(index, int)  # a palette image's colours are palette indexes
        hex_color = "#{:02x}{:02x}{:02x}".format(*palette[3 * index : 3 * index + 3])
        if count / total >= MIN_SHARE and hex_color not in found:
            found.append(hex_color)
    return found[:MAX_COLORS]


def color_names(hex_colors: list[str]) -> list[str]:
    """The palette name of each colour, each name once, in the colours' order."""
    if not hex_colors:
        return []
    names = list(PALETTE)
    distances = _lab(_rgb(hex_colors))[:, None, :] - _PALETTE_LAB[None, :, :]
    nearest = np.argmin((distances**2).sum(axis=2), axis=1)
    return list(dict.fromkeys(names[i] for i in nearest))


def histogram(pixels: NDArray[np.uint8]) -> bytes:
    """A 4x4x4 RGB histogram of an HxWx3 image, L2-normalised, as float16 bytes."""
    shift = 8 - int(np.log2(_BINS))
    r, g, b = (pixels[..., channel] >> shift for channel in range(3))
    bins = (r.astype(np.int64) * _BINS + g) * _BINS + b
    counts = np.bincount(bins.ravel(), minlength=COLOR_DIM).astype(np.float64)
    norm = float(np.linalg.norm(counts)) or 1.0
    return (counts / norm).astype(np.float16).tobytes()


def _rgb(hex_colors: list[str]) -> Floats:
    return np.array([[int(h[i : i + 2], 16) for i in (1, 3, 5)] for h in hex_colors], np.float64)


def _lab(rgb: Floats) -> Floats:
    """sRGB (0–255) to CIELAB (D65)."""
    c = rgb / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    t = (linear @ _SRGB_TO_XYZ.T) / _D65
    delta = 6 / 29
    f = np.where(t > delta**3, np.cbrt(t), t / (3 * delta**2) + 4 / 29)
    return np.stack(
        [116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1
    )


_PALETTE_LAB = _lab(_rgb(list(PALETTE.values())))
