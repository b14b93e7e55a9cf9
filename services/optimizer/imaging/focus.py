"""What a crop must keep: faces (OpenCV's bundled Haar cascade), the most salient region
(spectral-residual saliency) and text-like regions (for safe-zone checks). Found once per source,
on a small grey copy, and given in the decoded source's pixels."""

import math
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from cv2.typing import MatLike

from contracts.optimizer import Box
from services.optimizer.imaging.source import Source

ANALYSIS_PIXELS = 640 * 480
"""Size of the copy the detectors look at. Faces are found down to about 24 px there (about
150 px in a 4000x3000 photo): the subjects a crop must keep, not faces in a crowd."""
MIN_FACE = 24
EYE_CHECK_WIDTH = 120
"""A face's upper part is enlarged to this width for the eye cascade."""


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
def _cascade(name: str) -> cv2.CascadeClassifier:
    """One of the Haar cascades bundled in the opencv wheel (nothing is fetched)."""
    cascades = cv2.data.haarcascades  # type: ignore[attr-defined]  # cv2's stubs omit `data`
    return cv2.CascadeClassifier(cascades + name)


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
    faces = [_scaled(box, factor) for box in detect_faces(grey)]
    salient_box, point = _salient(grey)
    return Focus(
        faces=sorted(faces, key=_area, reverse=True),
        salient_box=_scaled(salient_box, factor) if salient_box else None,
        salient_point=(round(point[0] * factor), round(point[1] * factor)),
        text=[_scaled(box, factor) for box in _text_like(grey)],
    )


def _small_grey(source: Source) -> MatLike:
    k = 0
    while _pixels(source.level(k + 1)) >= ANALYSIS_PIXELS and k < 8:
        k += 1
    level = source.level(k)
    factor = math.sqrt(_pixels(level) / ANALYSIS_PIXELS)
    if factor > 1:
        size = (max(1, round(level.shape[1] / factor)), max(1, round(level.shape[0] / factor)))
        level = cv2.resize(level, size, interpolation=cv2.INTER_AREA)
    code = cv2.COLOR_RGBA2GRAY if level.shape[2] == 4 else cv2.COLOR_RGB2GRAY
    return cv2.cvtColor(level, code)


def detect_faces(grey: MatLike) -> list[Box]:
    """Frontal faces in a grey image, as boxes: the face cascade's finds that the eye cascade
    confirms (an eye in the upper part), which drops hair and fabric that look face-like.

    Large faces are looked for first, on a half-size copy (a quarter of the work); only when
    there are none is the full size searched for small ones."""
    confirmed: list[Box] = []
    if min(grey.shape) >= 2 * MIN_FACE:
        half = cv2.resize(
            grey, (grey.shape[1] // 2, grey.shape[0] // 2), interpolation=cv2.INTER_AREA
        )
        large = [_scaled(box, 2) for box in _cascade_faces(half)]
        confirmed = [box for box in large if _has_an_eye(grey, box)]
    return confirmed or [box for box in _cascade_faces(grey) if _has_an_eye(grey, box)]


def _cascade_faces(grey: MatLike) -> list[Box]:
    found = _cascade("haarcascade_frontalface_default.xml").detectMultiScale(
        grey, scaleFactor=1.12, minNeighbors=5, minSize=(MIN_FACE, MIN_FACE)
    )
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h in found]


def _has_an_eye(grey: MatLike, face: Box) -> bool:
    left, top, right, bottom = face
    upper = grey[top : top + (bottom - top) * 3 // 5, left:right]
    scale = EYE_CHECK_WIDTH / upper.shape[1]
    size = (EYE_CHECK_WIDTH, max(1, round(upper.shape[0] * scale)))
    upper = cv2.resize(upper, size, interpolation=cv2.INTER_CUBIC)
    eyes = _cascade("haarcascade_eye.xml").detectMultiScale(
        upper, scaleFactor=1.1, minNeighbors=3, minSize=(12, 12)
    )
    return len(eyes) > 0


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


def _text_like(grey: MatLike) -> list[Box]:
    """Regions shaped like lines of text: dense, high-contrast strokes in a wide, short band."""
    gradient = cv2.morphologyEx(grey, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    _, strokes = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    lines = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, np.ones((1, 9), np.uint8))
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    height = grey.shape[0]
    boxes = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (8 <= h <= height // 8 and w >= 2.5 * h):
            continue
        filled = cv2.countNonZero(strokes[y : y + h, x : x + w]) / (w * h)
        if 0.25 <= filled <= 0.85:
            boxes.append((x, y, x + w, y + h))
    return boxes


def _pixels(image: MatLike) -> int:
    return int(image.shape[0] * image.shape[1])


def _scaled(box: Box, factor: float) -> Box:
    return (
        round(box[0] * factor),
        round(box[1] * factor),
        round(box[2] * factor),
        round(box[3] * factor),
    )


def _area(box: Box) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])
