"""Background removal: GrabCut seeded from saliency, faces and the border, at a working size,
its mask brought back to full size and its edge refined with a guided filter.

Seeds: the image border is background (except below a face, where a body may run off the
edge); pixels unlike every border colour and salient pixels are probably foreground; a face is
foreground. GrabCut then learns the two colour models from those seeds and cuts between them.
"""

from functools import cache

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from services.editing.local.channels import Floats, Pixels, split_alpha
from shared.errors import PermanentError

__all__ = ["MIN_SIDE", "remove_background"]

MIN_SIDE = 16
WORK_SIDE = 384
"""GrabCut runs with the longest side at most this (its cost grows with the pixels)."""
BORDER = 0.02
"""Share of the working size along each edge taken as sure background."""
ITERATIONS = 3
Box = tuple[int, int, int, int]
"""x, y, width, height"""


def remove_background(image: Image.Image) -> Image.Image:
    """The image as RGBA: the subject opaque, the background transparent (an existing alpha
    is kept where it is lower)."""
    if min(image.size) < MIN_SIDE:
        raise PermanentError(
            "image_too_small", f"background removal needs at least {MIN_SIDE}x{MIN_SIDE} px"
        )
    rgb, alpha = split_alpha(image)
    small = _working(rgb)
    cut = _grabcut(small, _seeds(small))
    matte = _refined(rgb, cut)
    if alpha is not None:
        matte = np.minimum(matte, alpha)
    return Image.fromarray(np.dstack([rgb, matte]))


def _working(rgb: Pixels) -> Pixels:
    height, width = rgb.shape[:2]
    scale = min(1.0, WORK_SIDE / max(height, width))
    if scale == 1.0:
        return rgb
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small: Pixels = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    return small


def _seeds(small: Pixels) -> Pixels:
    """GrabCut's starting labels for the working copy."""
    height, width = small.shape[:2]
    labels = np.full((height, width), cv2.GC_PR_BGD, np.uint8)
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (0, 0), 1.0), cv2.COLOR_RGB2LAB)
    border = _border(height, width)
    unlike = _unlike_border(lab.astype(np.float32), border)
    labels[unlike | _salient(small)] = cv2.GC_PR_FGD
    labels[border] = cv2.GC_BGD
    for x, y, w, h in _faces(small):
        labels[y + h :, max(0, x - w) : x + 2 * w] = cv2.GC_PR_FGD  # a body may run off the edge
        labels[y + h // 5 : y + h * 4 // 5, x + w // 5 : x + w * 4 // 5] = cv2.GC_FGD
    if not (labels == cv2.GC_PR_FGD).any():  # nothing stands out: guess the middle
        labels[height // 4 : height * 3 // 4, width // 4 : width * 3 // 4] = cv2.GC_PR_FGD
    return labels


def _border(height: int, width: int) -> NDArray[np.bool_]:
    band = max(2, round(BORDER * max(height, width)))
    border = np.ones((height, width), bool)
    border[band:-band, band:-band] = False
    return border


def _unlike_border(lab: Floats, border: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Pixels far (in Lab) from every main colour of the border."""
    samples = np.ascontiguousarray(lab[border][:: max(1, int(border.sum()) // 4000)])
    clusters = min(6, len(samples))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
    labels = np.zeros((len(samples), 1), np.int32)
    _, _, centres = cv2.kmeans(samples, clusters, labels, criteria, 2, cv2.KMEANS_PP_CENTERS)
    flat = lab.reshape(-1, 1, 3)
    nearest = np.min(np.linalg.norm(flat - centres[None], axis=2), axis=1).reshape(border.shape)
    spread = float(np.percentile(nearest[border], 95))
    unlike: NDArray[np.bool_] = nearest > 2 * spread + 12
    return unlike


def _salient(small: Pixels) -> NDArray[np.bool_]:
    """The strongest part of the spectral-residual saliency map."""
    ok, heat = _saliency().computeSaliency(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY))
    if not ok:
        return np.zeros(small.shape[:2], bool)
    heat = cv2.GaussianBlur(heat.astype(np.float32), (0, 0), max(2.0, small.shape[1] / 100))
    salient: NDArray[np.bool_] = heat >= heat.mean() + 2 * heat.std()
    return salient


def _faces(small: Pixels) -> list[Box]:
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    found = _cascade().detectMultiScale(grey, scaleFactor=1.1, minNeighbors=6, minSize=(24, 24))
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h in found]


@cache
def _cascade() -> cv2.CascadeClassifier:
    """The frontal-face Haar cascade bundled in the opencv wheel."""
    cascades = cv2.data.haarcascades  # type: ignore[attr-defined]  # cv2's stubs omit `data`
    return cv2.CascadeClassifier(cascades + "haarcascade_frontalface_default.xml")


@cache
def _saliency() -> cv2.saliency.StaticSaliencySpectralResidual:
    made: cv2.saliency.StaticSaliencySpectralResidual = (
        cv2.saliency.StaticSaliencySpectralResidual_create()  # type: ignore[attr-defined]
    )
    return made


def _grabcut(small: Pixels, labels: Pixels) -> Pixels:
    """GrabCut's foreground (0 or 1), specks and pinholes under 1% of it dropped."""
    background = np.zeros((1, 65), np.float64)
    foreground = np.zeros((1, 65), np.float64)
    no_rect = (0, 0, 0, 0)  # the labels say it all
    cv2.grabCut(small, labels, no_rect, background, foreground, ITERATIONS, cv2.GC_INIT_WITH_MASK)
    cut = ((labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)).astype(np.uint8)
    least = max(4, int(cut.sum()) // 100)
    return 1 - _without_specks(1 - _without_specks(cut, least), least)


def _without_specks(plane: Pixels, least: int) -> Pixels:
    count, labelled, stats, _ = cv2.connectedComponentsWithStats(plane, connectivity=8)
    keep = np.zeros(count, np.uint8)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= least
    kept: Pixels = keep[labelled]
    return kept


def _refined(rgb: Pixels, cut: Pixels) -> Pixels:
    """The cut at full size, its edge fitted to the image's own edges by a guided filter."""
    height, width = rgb.shape[:2]
    scale = width / cut.shape[1]
    soft = cv2.resize(cut.astype(np.float32), (width, height), interpolation=cv2.INTER_LINEAR)
    radius = max(2, round(2 * scale))
    fitted = cv2.ximgproc.guidedFilter(rgb, soft, radius, (0.04 * 255) ** 2)
    # Steepen the ramp so the interior is solid and the far background clear.
    matte: Pixels = np.clip((fitted - 0.5) * 1.6 * 255 + 127.5, 0, 255).astype(np.uint8)
    return matte
