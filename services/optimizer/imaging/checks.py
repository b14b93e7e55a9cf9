"""Named, measured checks of each output: sharpness, exposure, contrast, faces cut by the crop,
faces or text under UI overlays, faces outside a profile circle, byte target, upscaling.
"""

from typing import Literal

import cv2
from cv2.typing import MatLike

from contracts.catalog.platforms import PlatformPreset
from contracts.optimizer import Box, QualityCheck
from services.optimizer.imaging.focus import Focus

Rect = tuple[float, float, float, float]
SHARPNESS_MIN = 40.0
"""Variance of the Laplacian of the luma below which an output looks soft."""
CONTRAST_MIN = 0.10
"""RMS contrast (luma standard deviation over 255) below which an output looks flat."""
EXPOSURE_RANGE = (0.15, 0.85)
CLIPPED_MAX = 0.05
FACE_IN_OVERLAY = 0.15
"""Share of a face's box under an overlay that counts as a conflict."""
TEXT_IN_OVERLAY = 0.5


def picture_checks(luma: MatLike) -> list[QualityCheck]:
    """Sharpness, exposure and contrast of a rendered output."""
    sharpness = float(cv2.Laplacian(luma, cv2.CV_32F).var())
    mean = float(luma.mean()) / 255
    clipped = float(((luma <= 2) | (luma >= 253)).mean())
    contrast = float(luma.std()) / 255
    exposed = EXPOSURE_RANGE[0] <= mean <= EXPOSURE_RANGE[1] and clipped <= CLIPPED_MAX
    return [
        QualityCheck(
            name="sharpness",
            passed=sharpness >= SHARPNESS_MIN,
            value=round(sharpness, 1),
            limit=f">= {SHARPNESS_MIN}",
            message="sharp" if sharpness >= SHARPNESS_MIN else "looks soft or out of focus",
        ),
        QualityCheck(
            name="exposure",
            passed=exposed,
            value=round(mean, 3),
            limit=f"mean luma in {EXPOSURE_RANGE}, clipped <= {CLIPPED_MAX:.0%}",
            message=_exposure(mean, clipped),
        ),
        QualityCheck(
            name="contrast",
            passed=contrast >= CONTRAST_MIN,
            value=round(contrast, 3),
            limit=f">= {CONTRAST_MIN}",
            message="enough contrast" if contrast >= CONTRAST_MIN else "flat: little contrast",
        ),
    ]


def _exposure(mean: float, clipped: float) -> str:
    if mean < EXPOSURE_RANGE[0]:
        return "underexposed"
    if mean > EXPOSURE_RANGE[1]:
        return "overexposed"
    if clipped > CLIPPED_MAX:
        return f"{clipped:.0%} of pixels clipped to black or white"
    return "well exposed"


def framing_checks(
    preset: PlatformPreset, box: Rect, focus: Focus, shown: Rect
) -> tuple[list[QualityCheck], list[str]]:
    """Faces cut, overlay conflicts and circle fit of an output showing `box` of the source in
    its `shown` rectangle (all of it, or the fitted part inside padding); also what lies under an
    overlay (`face`, `text`)."""
    cut = [face for face in focus.faces if overlap(face, box) not in (0.0, 1.0)]
    faces = [mapped(face, box, shown) for face in focus.faces if overlap(face, box) > 0]
    text = [mapped(line, box, shown) for line in focus.text if overlap(line, box) > 0]
    cut_message = f"{len(cut)} face(s) cut by the crop" if cut else "no face cut"
    checks = [_none_found("faces_cut", len(cut), "0", cut_message)]
    conflicts: list[str] = []
    zones = overlay_zones(preset)
    if zones:
        conflicts = _under_overlays(faces, text, zones)
        checks.append(_safe_zone_check(conflicts))
    if preset.mask == "circle":
        checks.append(_circle_check(faces, (preset.width, preset.height)))
    return checks, conflicts


def _under_overlays(faces: list[Rect], text: list[Rect], zones: list[Rect]) -> list[str]:
    """What lies under an overlay: `face`, `text`, both or neither."""
    conflicts: list[str] = []
    if any(covered(face, zones) > FACE_IN_OVERLAY for face in faces):
        conflicts.append("face")
    if any(covered(line, zones) > TEXT_IN_OVERLAY for line in text):
        conflicts.append("text")
    return conflicts


def _safe_zone_check(conflicts: list[str]) -> QualityCheck:
    message = (
        f"{' and '.join(conflicts)} under a UI overlay"
        if conflicts
        else "faces and text clear of UI overlays"
    )
    return _none_found("safe_zone", len(conflicts), "no face or text under an overlay", message)


def _circle_check(faces: list[Rect], size: tuple[int, int]) -> QualityCheck:
    outside = [face for face in faces if not _in_circle(face, size)]
    message = (
        f"{len(outside)} face(s) clipped by the circle" if outside else "faces inside the circle"
    )
    return _none_found("circle_mask", len(outside), "faces inside the inscribed circle", message)


def _none_found(
    name: Literal["faces_cut", "safe_zone", "circle_mask"], found: int, limit: str, message: str
) -> QualityCheck:
    """A check that passes when it found nothing (`found` is how many it found)."""
    return QualityCheck(name=name, passed=not found, value=found, limit=limit, message=message)


def safe_area(preset: PlatformPreset) -> Rect | None:
    """The part of the preset's canvas no UI overlay covers, if overlays are documented."""
    width, height = preset.width, preset.height
    if preset.safe is not None:
        safe = preset.safe
        return (safe.left, safe.top, width - safe.right, height - safe.bottom)
    if preset.safe_box is not None:
        left, top = (width - preset.safe_box[0]) / 2, (height - preset.safe_box[1]) / 2
        return (left, top, width - left, height - top)
    return None


def overlay_zones(preset: PlatformPreset) -> list[Rect]:
    """The bands around the safe area that UI overlays cover."""
    area = safe_area(preset)
    if area is None:
        return []
    width, height = preset.width, preset.height
    left, top, right, bottom = area
    bands = [
        (0, 0, width, top),
        (0, bottom, width, height),
        (0, 0, left, height),
        (right, 0, width, height),
    ]
    return [band for band in bands if band[2] > band[0] and band[3] > band[1]]


def overlap(inner: Box | Rect, outer: Rect) -> float:
    """Share of `inner`'s area inside `outer`."""
    area = (inner[2] - inner[0]) * (inner[3] - inner[1])
    if area <= 0:
        return 0.0
    return _intersection(inner, outer) / area


def _intersection(a: Box | Rect, b: Rect) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, width) * max(0.0, height)


def covered(box: Rect, zones: list[Rect]) -> float:
    """Share of `box` under any zone (zones may overlap each other; the largest share counts)."""
    area = (box[2] - box[0]) * (box[3] - box[1])
    if area <= 0:
        return 0.0
    return max(_intersection(box, zone) / area for zone in zones)


def mapped(box: Box, crop: Rect, shown: Rect) -> Rect:
    """A source box in the output's pixels, the crop being shown in the `shown` rectangle."""
    sx = (shown[2] - shown[0]) / (crop[2] - crop[0])
    sy = (shown[3] - shown[1]) / (crop[3] - crop[1])
    return (
        shown[0] + (box[0] - crop[0]) * sx,
        shown[1] + (box[1] - crop[1]) * sy,
        shown[0] + (box[2] - crop[0]) * sx,
        shown[1] + (box[3] - crop[1]) * sy,
    )


def _in_circle(face: Rect, size: tuple[int, int]) -> bool:
    """Whether the face (its box inset by 15 %, the face within its box) is inside the circle."""
    cx, cy, radius = size[0] / 2, size[1] / 2, min(size) / 2
    inset_x, inset_y = (face[2] - face[0]) * 0.15, (face[3] - face[1]) * 0.15
    corners = [
        (face[0] + inset_x, face[1] + inset_y),
        (face[2] - inset_x, face[1] + inset_y),
        (face[0] + inset_x, face[3] - inset_y),
        (face[2] - inset_x, face[3] - inset_y),
    ]
    return all((x - cx) ** 2 + (y - cy) ** 2 <= radius**2 for x, y in corners)
