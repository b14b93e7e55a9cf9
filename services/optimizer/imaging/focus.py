"""What a crop must keep: faces (OpenCV's bundled Haar cascade), the most salient region
(spectral-residual saliency) and text-like regions (for safe-zone checks). Found once per source,
on a small grey copy, and given in the decoded source's pixels."""

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from cv2.typing import MatLike

from contracts.optimizer import Box
from services.optimizer.imaging.source import Source
from shared.detection import (
    ANALYSIS_PIXELS,
    MIN_FACE,
    analysis_grey,
    detect_faces,
    detect_text,
    scaled,
)

__all__ = ["ANALYSIS_PIXELS", "Focus", "find_focus"]


@dataclass(frozen=True)
class Focus:
    faces: list[Box]
    salient_box: Box | None
    salient_point: tuple[int, int]
    text: list[Box]

    @property
    def faces_union(self) -> Box | None:
        if not self.faces:
            return None
        return (
            min(f[0] for f in self.faces),
            min(f[1] for f in self.faces),
            max(f[2] for f in self.faces),
            max(f[3] for f in self.faces),
        )


@cache
def _saliency() -> cv2.saliency.StaticSaliencySpectralResidual:
    made: cv2.saliency.StaticSaliencySpectralResidual = (
        cv2.saliency.StaticSaliencySpectralResidual_create()  # type: ignore[attr-defined]
    )
    return made


def find_focus(source: Source) -> Focus:
    """Faces, salient region and text-like regions of the source (a small copy is analysed)."""
    grey = _small_grey(source)
    factor = source.size[0] / grey.shape[1]
    if min(grey.shape) < MIN_FACE:  # too small to hold a face, a salient blob or a line of text
        centre = (source.size[0] // 2, source.size[1] // 2)
        return Focus(faces=[], salient_box=None, salient_point=centre, text=[])
    faces = [scaled(box, factor) for box in detect_faces(grey)]
    salient_box, point = _salient(grey)
    return Focus(
        faces=sorted(faces, key=_area, reverse=True),
        salient_box=scaled(salient_box, factor) if salient_box else None,
        salient_point=(round(point[0] * factor), round(point[1] * factor)),
        text=[scaled(box, factor) for box in detect_text(grey)],
    )


def _small_grey(source: Source) -> MatLike:
    k = 0
    while _pixels(source.level(k + 1)) >= ANALYSIS_PIXELS and k < 8:
        k += 1
    return analysis_grey(source.level(k))


def _salient(grey: MatLike) -> tuple[Box | None, tuple[float, float]]:
    """The bounding box of the strongest salient blob and the saliency-weighted centre."""
    ok, heat = _saliency().computeSaliency(grey)
    height, width = grey.shape
    if not ok:
        return None, (width / 2, height / 2)
    heat = cv2.GaussianBlur(heat.astype(np.float32), (0, 0), max(2.0, width / 100))
    total = float(heat.sum())
    if total <= 0:
        return None, (width / 2, height / 2)
    ys, xs = np.indices(heat.shape)
    centre = (float((xs * heat).sum() / total), float((ys * heat).sum() / total))
    mask = (heat >= heat.mean() + 2 * heat.std()).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    if count <= 1:
        return None, centre
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h = (int(v) for v in stats[best, :4])
    return (x, y, x + w, y + h), centre


def _pixels(image: MatLike) -> int:
    return int(image.shape[0] * image.shape[1])


def _area(box: Box) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])
