"""Where each output's crop goes (`fill`) or how the whole image is padded (`fit`).

A crop has the target's aspect and is as large as the source allows, so nothing is zoomed for
nothing; it is placed to keep every detected face when they fit together, else the largest face,
else the salient region, else the centre. A circle-masked format (profile pictures) is framed
tighter around the faces so the face fills the circle. Alternatives (A/B) are centred on the
other candidates, each at least a tenth of the free range away from the ones before.
"""

from dataclasses import dataclass

import cv2
import numpy as np

from contracts.optimizer import Box, Framing
from services.optimizer.imaging.focus import Focus
from services.optimizer.imaging.source import Pixels

Rect = tuple[float, float, float, float]
HEADSHOT_MARGIN = 2.4
"""A circle-masked crop spans this many face widths (face plus hair, neck and air)."""


@dataclass(frozen=True)
class Crop:
    box: Rect
    focal_point: tuple[float, float]
    framing: Framing


def fill_crops(
    size: tuple[int, int],
    target: tuple[int, int],
    focus: Focus,
    focal_point: tuple[float, float] | None,
    *,
    count: int = 1,
    circle: bool = False,
) -> list[Crop]:
    """Up to `count` crops of `size` with the aspect of `target`, best first."""
    width, height = _window(size, target[0] / target[1])
    if circle and focus.faces and focal_point is None:
        width, height = _headshot(focus.faces[0], (width, height), target)
    crops: list[Crop] = []
    for point, framing in _candidates(focus, focal_point, size, (width, height)):
        crop = _placed(size, (width, height), point, framing)
        if all(_apart(crop, other, size, (width, height)) for other in crops):
            crops.append(crop)
        if len(crops) == count:
            break
    return crops


def centre_crop(size: tuple[int, int], target: tuple[int, int]) -> Crop:
    """The largest window of the target's aspect, centred."""
    window = _window(size, target[0] / target[1])
    return _placed(size, window, (size[0] / 2, size[1] / 2), Framing.CENTRE)


def _candidates(
    focus: Focus,
    focal_point: tuple[float, float] | None,
    size: tuple[int, int],
    window: tuple[float, float],
) -> list[tuple[tuple[float, float], Framing]]:
    """Points to centre on, best first."""
    found: list[tuple[tuple[float, float], Framing]] = []
    if focal_point is not None:
        found.append((focal_point, Framing.FOCAL_POINT))
    union = focus.faces_union
    if union is not None and union[2] - union[0] <= window[0] and union[3] - union[1] <= window[1]:
        found.append((_centre(union), Framing.FACES if len(focus.faces) > 1 else Framing.FACE))
    found += [(_centre(face), Framing.FACE) for face in focus.faces]
    if focus.salient_box is not None:
        found.append((_centre(focus.salient_box), Framing.SALIENCY))
    found.append((focus.salient_point, Framing.SALIENCY))
    found.append(((size[0] / 2, size[1] / 2), Framing.CENTRE))
    thirds = [(size[0] * f, size[1] * g) for f in (1 / 3, 2 / 3) for g in (1 / 3, 2 / 3)]
    found += [(point, Framing.SALIENCY) for point in thirds]
    return found


def _window(size: tuple[int, int], aspect: float) -> tuple[float, float]:
    """The largest window of `aspect` inside `size`."""
    width, height = size
    if width / height > aspect:
        return height * aspect, float(height)
    return float(width), width / aspect


def _headshot(
    face: Box, window: tuple[float, float], target: tuple[int, int]
) -> tuple[float, float]:
    """A window around one face, never smaller than the output (no upscaling) nor the window."""
    side = max((face[2] - face[0]), (face[3] - face[1])) * HEADSHOT_MARGIN
    width = min(window[0], max(side, float(target[0])))
    return width, width * target[1] / target[0]


def _placed(
    size: tuple[int, int], window: tuple[float, float], point: tuple[float, float], framing: Framing
) -> Crop:
    left = _clamp(point[0] - window[0] / 2, 0, size[0] - window[0])
    top = _clamp(point[1] - window[1] / 2, 0, size[1] - window[1])
    return Crop((left, top, left + window[0], top + window[1]), point, framing)


def _apart(a: Crop, b: Crop, size: tuple[int, int], window: tuple[float, float]) -> bool:
    free = max(size[0] - window[0], size[1] - window[1], 1.0)
    return max(abs(a.box[0] - b.box[0]), abs(a.box[1] - b.box[1])) >= free / 10


def _centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, high))


def fit_box(size: tuple[int, int], target: tuple[int, int]) -> tuple[int, int, int, int]:
    """Where the whole source sits inside the target canvas: left, top, width, height."""
    scale = min(target[0] / size[0], target[1] / size[1])
    width = max(1, min(target[0], round(size[0] * scale)))
    height = max(1, min(target[1], round(size[1] * scale)))
    return (target[0] - width) // 2, (target[1] - height) // 2, width, height


def padded(
    content: Pixels,
    target: tuple[int, int],
    at: tuple[int, int],
    *,
    colour: str | None = None,
    backdrop: Pixels | None = None,
) -> Pixels:
    """`content` on a canvas of `target`: over a plain `#RRGGBB` colour, or over `backdrop` (a
    small copy of the image covering the canvas) blurred and stretched to it."""
    channels = content.shape[2]
    if backdrop is not None:
        blurred = cv2.GaussianBlur(backdrop, (0, 0), max(1.0, backdrop.shape[1] / 40))
        canvas = cv2.resize(blurred, target, interpolation=cv2.INTER_CUBIC)
    else:
        rgb = [int((colour or "#000000")[i : i + 2], 16) for i in (1, 3, 5)]
        canvas = np.empty((target[1], target[0], channels), np.uint8)
        canvas[:] = [*rgb, 255][:channels]
    height, width = content.shape[:2]
    canvas[at[1] : at[1] + height, at[0] : at[0] + width] = content
    return canvas
