"""Test photos made from scikit-image's bundled samples (real photographs, nothing downloaded)."""

import io
from functools import cache

import numpy as np
from numpy.typing import NDArray
from PIL import Image
from skimage import data
from skimage.metrics import structural_similarity


@cache
def astronaut() -> Image.Image:
    """A real portrait photo (512x512) with one frontal face."""
    return Image.fromarray(data.astronaut())  # type: ignore[no-untyped-call]


def photo(size: tuple[int, int] = (4000, 3000), grain: float = 4.0, seed: int = 7) -> Image.Image:
    """A `size` photo: the astronaut scaled to the height and placed left of centre over a
    mirrored extension of itself, with sensor-like grain (so it is hard to compress)."""
    width, height = size
    portrait = astronaut().resize((height, height), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", size)
    left = max(0, width // 3 - height // 2)
    for x in range(left - height, width + height, height):
        tile = (
            portrait
            if (x - left) // height % 2 == 0
            else portrait.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        )
        canvas.paste(tile, (x, 0))
    canvas.paste(portrait, (left, 0))
    pixels = np.asarray(canvas, dtype=np.float32)
    noise = np.random.default_rng(seed).normal(0, grain, pixels.shape[:2])[..., None]
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))


def placed(size: tuple[int, int], faces: list[tuple[int, int, int]], fill: int = 90) -> Image.Image:
    """A plain canvas with the astronaut's portrait at each (left, top, side)."""
    canvas = Image.new("RGB", size, (fill, fill + 10, fill + 20))
    for left, top, side in faces:
        canvas.paste(astronaut().resize((side, side), Image.Resampling.LANCZOS), (left, top))
    return canvas


def jpeg(image: Image.Image, quality: int = 92, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, **options)
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    """A grey gradient PNG of that size (RGB)."""
    out = io.BytesIO()
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(out, "PNG")
    return out.getvalue()


def reference_ssim(a: NDArray[np.uint8], b: NDArray[np.uint8]) -> float:
    """scikit-image's SSIM of two 8-bit grey images (an independent measure for the tests)."""
    return float(structural_similarity(a, b, data_range=255))  # type: ignore[no-untyped-call]


def psnr(a: Image.Image, b: Image.Image) -> float:
    """Peak signal-to-noise ratio of two same-size 8-bit images, in dB (higher is closer)."""
    error = np.asarray(a, np.float64) - np.asarray(b, np.float64)
    mse = float(np.mean(error**2))
    return float("inf") if mse == 0 else 10 * np.log10(255**2 / mse)
