"""Where a pan-and-zoom looks: the start and end crop windows over the image, and the eased path
between them.

Both windows have the output's aspect and hold the focus (given, or found: faces, else the
saliency centre). The camera zooms in on it by the motion's amount and drifts onto it from a
little toward the image's centre; the path is eased (smoothstep) so the motion starts and stops
softly.
"""

import math
import threading
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
from cv2.typing import MatLike

Motion = Literal["subtle", "medium", "dynamic"]
ZOOM: dict[Motion, float] = {"subtle": 1.05, "medium": 1.15, "dynamic": 1.3}
DRIFT: dict[Motion, float] = {"subtle": 0.02, "medium": 0.04, "dynamic": 0.07}
"""How far off the focus the camera starts, as a fraction of the window, toward the centre."""
ANALYSIS_SIDE = 320
"""Longest side of the grey copy faces and saliency are looked for on (faces from 24 px)."""
FLAT = 0.01
"""Below this spread the saliency map says nothing stands out (a plain image)."""
Pixels = MatLike
_per_thread = threading.local()


@dataclass(frozen=True)
class Window:
    """A crop window in image pixels (floats: the camera moves by fractions of a pixel)."""

    cx: float
    cy: float
    w: float
    h: float

    @property
    def left(self) -> float:
        return self.cx - self.w / 2

    @property
    def top(self) -> float:
        return self.cy - self.h / 2

    @property
    def right(self) -> float:
        return self.cx + self.w / 2

    @property
    def bottom(self) -> float:
        return self.cy + self.h / 2

    def toward(self, end: "Window", e: float) -> "Window":
        """The window a fraction `e` of the way to `end`: the centre moves linearly, the size
        geometrically (an even zoom speed). Every such window lies within the two ends'."""
        scale = (end.w / self.w) ** e
        return Window(
            self.cx + (end.cx - self.cx) * e,
            self.cy + (end.cy - self.cy) * e,
            self.w * scale,
            self.h * scale,
        )


def windows(
    size: tuple[int, int], aspect: float, focus: tuple[float, float], motion: Motion
) -> tuple[Window, Window]:
    """The start and end windows of the output's `aspect` (width / height) over an image of
    `size`, for a focus in 0-1 coordinates."""
    width, height = size
    w0 = min(float(width), height * aspect)
    h0 = w0 / aspect
    fx, fy = focus[0] * width, focus[1] * height
    drift = DRIFT[motion]
    start_x = fx + float(np.clip(width / 2 - fx, -drift * w0, drift * w0))
    start_y = fy + float(np.clip(height / 2 - fy, -drift * h0, drift * h0))
    zoom = ZOOM[motion]
    start = _inside(Window(start_x, start_y, w0, h0), size)
    return start, _inside(Window(fx, fy, w0 / zoom, h0 / zoom), size)


def covering(start: Window, end: Window, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The whole-pixel box (left, top, right, bottom) of the image the camera sees on its way
    from `start` to `end`."""
    return (
        max(0, math.floor(min(start.left, end.left))),
        max(0, math.floor(min(start.top, end.top))),
        min(size[0], math.ceil(max(start.right, end.right))),
        min(size[1], math.ceil(max(start.bottom, end.bottom))),
    )


def eased(index: int, count: int) -> float:
    """Smoothstep progress of frame `index` of `count`: 0 at the first frame, 1 at the last."""
    if count < 2:
        return 0.0
    t = index / (count - 1)
    return t * t * (3 - 2 * t)


def find_focus(pixels: Pixels) -> tuple[float, float]:
    """Where the camera should look, in 0-1 coordinates: the middle of the faces when there are
    any (a portrait's subject; saliency favours its highlights), else the saliency centre."""
    grey = _small_grey(pixels)
    return _faces_centre(grey) or saliency_centre(grey)


def saliency_centre(grey: Pixels) -> tuple[float, float]:
    """The centre of a grey image's strongest spectral-residual saliency, in 0-1 coordinates
    (the image's centre when nothing stands out)."""
    detector = cv2.saliency.StaticSaliencySpectralResidual_create()  # type: ignore[attr-defined]
    ok, heat = detector.computeSaliency(grey)
    if not ok or float(heat.std()) < FLAT:  # the map is scaled to a peak of 1, even when flat
        return 0.5, 0.5
    heat = cv2.GaussianBlur(heat.astype(np.float32), (0, 0), max(2.0, grey.shape[1] / 60))
    # Only what stands out above the average pulls: weak texture all over would drag the
    # centre toward the middle of the frame.
    weight = np.clip(heat - heat.mean(), 0, None)
    total = float(weight.sum())
    if total <= 0:
        return 0.5, 0.5
    ys, xs = np.indices(weight.shape) + 0.5  # pixel centres
    rows, columns = weight.shape
    return float((xs * weight).sum()) / total / columns, float((ys * weight).sum()) / total / rows


def _faces_centre(grey: Pixels) -> tuple[float, float] | None:
    """The middle of the box around all frontal faces, in 0-1 coordinates, or None."""
    found = _cascade().detectMultiScale(grey, scaleFactor=1.1, minNeighbors=6, minSize=(24, 24))
    if len(found) == 0:
        return None
    boxes = np.array(found).reshape(-1, 4)
    left, top = boxes[:, :2].min(axis=0)
    right, bottom = (boxes[:, :2] + boxes[:, 2:]).max(axis=0)
    rows, columns = grey.shape[:2]
    return float(left + right) / 2 / columns, float(top + bottom) / 2 / rows


def _small_grey(pixels: Pixels) -> Pixels:
    height, width = pixels.shape[:2]
    factor = min(1.0, ANALYSIS_SIDE / max(width, height))
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    small = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)
    grey: Pixels = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    return grey


def _cascade() -> cv2.CascadeClassifier:
    """The frontal-face Haar cascade bundled in the opencv wheel, one per thread: detecting
    writes to the classifier's own buffers, so threads of the CPU pool must not share one."""
    cascade: cv2.CascadeClassifier | None = getattr(_per_thread, "cascade", None)
    if cascade is None:
        cascades = cv2.data.haarcascades  # type: ignore[attr-defined]  # cv2's stubs omit `data`
        cascade = cv2.CascadeClassifier(cascades + "haarcascade_frontalface_default.xml")
        _per_thread.cascade = cascade
    return cascade


def _inside(window: Window, size: tuple[int, int]) -> Window:
    """The window moved (not resized) to lie within the image."""
    cx = min(max(window.cx, window.w / 2), size[0] - window.w / 2)
    cy = min(max(window.cy, window.h / 2), size[1] - window.h / 2)
    return Window(cx, cy, window.w, window.h)
