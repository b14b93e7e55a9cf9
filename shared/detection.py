"""Faces (OpenCV's bundled Haar cascades) and text-like regions in a small grey image: what the
optimizer's crops keep and the library's ingest analysis records. Nothing is fetched."""

import math
import threading

import cv2
import numpy as np
from cv2.typing import MatLike

from contracts.optimizer import Box

ANALYSIS_PIXELS = 640 * 480
"""Size of the copy the detectors look at. Faces are found down to about 24 px there (about
150 px in a 4000x3000 photo): the subjects a crop must keep, not faces in a crowd."""
MIN_FACE = 24
EYE_CHECK_WIDTH = 120
"""A face's upper part is enlarged to this width for the eye cascade."""


_PER_THREAD = threading.local()


def _cascade(name: str) -> cv2.CascadeClassifier:
    """One of the Haar cascades bundled in the opencv wheel (nothing is fetched), one per
    thread: a classifier is not safe to share between threads detecting at once (OpenCV's
    `getScaleData` assertion)."""
    loaded: dict[str, cv2.CascadeClassifier] = _PER_THREAD.__dict__.setdefault("cascades", {})
    if name not in loaded:
        cascades = cv2.data.haarcascades  # type: ignore[attr-defined]  # cv2's stubs omit `data`
        loaded[name] = cv2.CascadeClassifier(cascades + name)
    return loaded[name]


def analysis_grey(pixels: MatLike) -> MatLike:
    """An RGB(A) image as the detectors look at it: grey, at most `ANALYSIS_PIXELS`."""
    factor = math.sqrt(pixels.shape[0] * pixels.shape[1] / ANALYSIS_PIXELS)
    if factor > 1:
        size = (max(1, round(pixels.shape[1] / factor)), max(1, round(pixels.shape[0] / factor)))
        pixels = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)
    code = cv2.COLOR_RGBA2GRAY if pixels.shape[2] == 4 else cv2.COLOR_RGB2GRAY
    return cv2.cvtColor(pixels, code)


def detect_faces(grey: MatLike) -> list[Box]:
    """Frontal faces in a grey image, as boxes: the face cascade's finds that the eye cascade
    confirms (an eye in the upper part), which drops hair and fabric that look face-like.

    Large faces are looked for first, on a half-size copy (a quarter of the work); only when
    there are none is the full size searched for small ones."""
    if min(grey.shape) < MIN_FACE:
        return []
    confirmed: list[Box] = []
    if min(grey.shape) >= 2 * MIN_FACE:
        half = cv2.resize(
            grey, (grey.shape[1] // 2, grey.shape[0] // 2), interpolation=cv2.INTER_AREA
        )
        large = [scaled(box, 2) for box in _cascade_faces(half)]
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


def detect_text(grey: MatLike) -> list[Box]:
    """Regions shaped like lines of text: dense, high-contrast strokes in a wide, short band."""
    if min(grey.shape) < MIN_FACE:  # too small to hold a line of text
        return []
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


def scaled(box: Box, factor: float) -> Box:
    return (
        round(box[0] * factor),
        round(box[1] * factor),
        round(box[2] * factor),
        round(box[3] * factor),
    )
