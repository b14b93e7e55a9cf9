"""Upscaling: Lanczos, then edge-aware sharpening of the luma.

Lanczos alone is soft at 4x. The detail layer (luma minus a Gaussian of it) is boosted by an
edge weight, so flat areas and their noise stay as they were, and the result is clamped to the
range of the source pixels around it, so edges gain no halo. The weight and the range come from
the source (a factor² fewer pixels); the full-size work is a few 8/16-bit OpenCV passes.
"""

import cv2
import numpy as np
from PIL import Image

from services.editing.local.channels import Pixels, join_alpha, split_alpha
from shared.errors import PermanentError

__all__ = ["MAX_FACTOR", "upscale"]

MAX_FACTOR = 8
GAIN = 1.2
"""Detail boost on a clear edge: about the best PSNR and SSIM on photos upscaled 4x."""
ONE = 256
"""Fixed-point unit of the 16-bit weight plane."""


def upscale(image: Image.Image, factor: int = 4) -> Image.Image:
    """The image `factor` times larger, sharpened along edges; alpha upscaled plainly."""
    if not 1 <= factor <= MAX_FACTOR:
        raise PermanentError("invalid_params", f"the upscale factor must be 1 to {MAX_FACTOR}")
    rgb, alpha = split_alpha(image)
    size = (image.width * factor, image.height * factor)
    large = _lanczos(rgb, size)
    if factor > 1:
        ycc = cv2.cvtColor(large, cv2.COLOR_RGB2YCrCb)
        source = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)[..., 0]
        ycc[..., 0] = _sharpened(ycc[..., 0], source, factor)
        large = cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB)
    return join_alpha(large, None if alpha is None else _lanczos(alpha, size))


def _lanczos(pixels: Pixels, size: tuple[int, int]) -> Pixels:
    resized: Pixels = cv2.resize(pixels, size, interpolation=cv2.INTER_LANCZOS4)
    return resized


def _sharpened(luma: Pixels, source: Pixels, factor: int) -> Pixels:
    """The upscaled luma's detail boosted by the source's edge weight, clamped to the range of
    the source's 3x3 neighbourhood."""
    size = (luma.shape[1], luma.shape[0])
    detail = cv2.subtract(luma, cv2.GaussianBlur(luma, (0, 0), factor / 2), dtype=cv2.CV_16S)
    weight = cv2.resize(_edge_weight(source, factor), size, interpolation=cv2.INTER_LINEAR)
    boost = cv2.multiply(detail, weight, scale=1 / ONE, dtype=cv2.CV_16S)
    sharpened = cv2.add(luma, boost, dtype=cv2.CV_16S)
    window = np.ones((3, 3), np.uint8)
    low = cv2.resize(cv2.erode(source, window), size, interpolation=cv2.INTER_LINEAR)
    high = cv2.resize(cv2.dilate(source, window), size, interpolation=cv2.INTER_LINEAR)
    clamped = cv2.min(cv2.max(sharpened, low.astype(np.int16)), high.astype(np.int16))
    return clamped.astype(np.uint8)


def _edge_weight(source: Pixels, factor: int) -> Pixels:
    """0 (flat) to GAIN (clear edge) per source pixel, in 1/ONE units.

    The knee sits well above the typical (median) gradient and the weight rises with its square:
    grain, noise and faint texture get almost no boost, clear edges nearly all of it."""
    smooth = cv2.GaussianBlur(source.astype(np.float32), (0, 0), 0.5)
    edges = cv2.magnitude(cv2.Sobel(smooth, cv2.CV_32F, 1, 0), cv2.Sobel(smooth, cv2.CV_32F, 0, 1))
    knee = 3 * float(np.median(edges[::2, ::2])) + 10 * factor
    squared = edges * edges
    weight: Pixels = (squared / (squared + knee * knee) * (GAIN * ONE)).astype(np.int16)
    return weight
