"""The engagement hint of an output: a heuristic of visual legibility on its platform (subject
visible, text readable at the display size, faces and text clear of UI overlays, contrast and
colour, clutter), each component measured and explained. Not a prediction of clicks.

It reuses what the optimizer already has: the source's detections (faces, text, salient region)
mapped into the output, and the small luma the picture checks measure.
"""

from dataclasses import dataclass

import cv2
import numpy as np
from cv2.typing import MatLike

from contracts.catalog.platforms import PlatformPreset
from contracts.optimizer import Box, EngagementHint, HintComponent
from services.optimizer.imaging.checks import Rect, covered, mapped, overlap, overlay_zones
from services.optimizer.imaging.focus import Focus
from services.optimizer.imaging.source import Pixels

WEIGHTS = {
    "subject_visibility": 0.30,
    "text_legibility": 0.20,
    "safe_zone_clearance": 0.20,
    "contrast": 0.15,
    "clutter": 0.15,
}
PHONE_WIDTH = 390
"""CSS px a phone shows a full-width post, story, cover or header at."""
PROFILE_WIDTH = 110
"""CSS px a profile picture (circle-masked formats) is shown at."""
FACE_PX = (10.0, 40.0)
"""A face's displayed width (CSS px): not recognisable at or below the first, clearly visible from
the second."""
SUBJECT_ONLY_MAX = 60
"""The most a salient region without a face scores: a weaker sign of a subject than a face."""
SUBJECT_FULL_SHARE = 0.05
TEXT_PX = (6.0, 14.0)
"""A text line's displayed height (CSS px): unreadable at or below the first, at a glance from
the second."""
TEXT_CONTRAST = (0.15, 0.5)
"""Local contrast of a text line (5th to 95th luma percentile over 255): none to full marks."""
RMS_CONTRAST = (0.05, 0.20)
COLOURFULNESS_FULL = 40.0
"""Hasler and Süsstrunk's colourfulness at which colour gets full marks ("averagely colourful")."""
EDGE_DENSITY = (0.06, 0.30)
"""Share of pixels on Canny edges: uncluttered at or below the first, cluttered from the second."""
CANNY = (100, 200)


@dataclass(frozen=True)
class Looks:
    """What the hint measures of a render's pixels (shared by the presets of one render)."""

    contrast: float
    colourfulness: float
    edge_density: float


def looks_of(small_luma: MatLike, pixels: Pixels) -> Looks:
    """RMS contrast and edge density of the checks' small luma; colourfulness of a sample of
    the pixels (every n-th, about 256 per side)."""
    step = max(1, max(pixels.shape[:2]) // 256)
    rgb = pixels[::step, ::step, :3].astype(np.float32)
    red_green = rgb[..., 0] - rgb[..., 1]
    yellow_blue = (rgb[..., 0] + rgb[..., 1]) / 2 - rgb[..., 2]
    spread = float(np.hypot(red_green.std(), yellow_blue.std()))
    mean = float(np.hypot(red_green.mean(), yellow_blue.mean()))
    edges = cv2.Canny(small_luma, *CANNY)
    return Looks(
        contrast=float(small_luma.std()) / 255,
        colourfulness=spread + 0.3 * mean,
        edge_density=float(np.count_nonzero(edges)) / edges.size,
    )


def display_width(preset: PlatformPreset) -> int:
    """The width the output is assumed shown at: a phone's, or a profile picture's."""
    shown = PROFILE_WIDTH if preset.mask == "circle" else PHONE_WIDTH
    return min(preset.width, shown)


@dataclass(frozen=True)
class Seen:
    """What an output shows, in its own pixels: faces, text lines, the salient region (with the
    share of it the crop keeps) and the zones UI overlays cover."""

    frame: Rect
    faces: list[Rect]
    face_cut: bool
    text: list[Rect]
    salient: tuple[Rect, float] | None
    zones: list[Rect]


def engagement_hint(
    preset: PlatformPreset, box: Rect, focus: Focus, shown: Rect, looks: Looks, pixels: Pixels
) -> EngagementHint:
    """The hint of an output showing `box` of the source in its `shown` rectangle."""
    seen = _seen(preset, box, focus, shown)
    width = display_width(preset)
    components = [
        _subject(seen, width / preset.width),
        _text(seen.text, pixels, width / preset.width, width),
        _clearance(seen),
        _contrast(looks),
        _clutter(looks),
    ]
    return EngagementHint(score=_total(components), display_width=width, components=components)


def _seen(preset: PlatformPreset, box: Rect, focus: Focus, shown: Rect) -> Seen:
    frame = (0.0, 0.0, float(preset.width), float(preset.height))

    def inside(found: list[Box]) -> list[Rect]:
        return [_clipped(mapped(b, box, shown), frame) for b in found if overlap(b, box) > 0]

    salient = focus.salient_box
    kept = overlap(salient, box) if salient is not None else 0.0
    return Seen(
        frame=frame,
        faces=inside(focus.faces),
        face_cut=any(overlap(f, box) not in (0.0, 1.0) for f in focus.faces),
        text=inside(focus.text),
        salient=(inside([salient])[0], kept) if salient is not None and kept > 0 else None,
        zones=overlay_zones(preset),
    )


def _total(components: list[HintComponent]) -> int:
    """The weighted mean of the components that apply, their weights rescaled to 1."""
    scored = [(c.score, c.weight) for c in components if c.score is not None]
    return round(sum(s * w for s, w in scored) / sum(w for _, w in scored))


def _subject(seen: Seen, scale: float) -> HintComponent:
    if seen.faces:
        largest = max(seen.faces, key=_area)
        width = (largest[2] - largest[0]) * scale
        under = covered(largest, seen.zones) if seen.zones else 0.0
        score = 100 * _ramp(width, *FACE_PX) * (0.5 if seen.face_cut else 1) * (1 - under)
        why = (
            f"largest face {width:.0f} px wide as displayed (clearly visible from {FACE_PX[1]:.0f})"
        )
        why += ", a face cut by the crop" if seen.face_cut else ""
        why += f", {under:.0%} of it under a UI overlay" if under else ""
        return _component(
            "subject_visibility", score, width, "largest face's displayed width (px)", why
        )
    if seen.salient is not None:
        region, kept = seen.salient
        share = _area(region) / _area(seen.frame)
        score = SUBJECT_ONLY_MAX * kept * _ramp(share, 0, SUBJECT_FULL_SHARE)
        why = f"no face; the salient region covers {share:.1%} of the frame, {kept:.0%} of it shown"
        return _component("subject_visibility", score, share, "salient region's share", why)
    why = "no face or salient subject found in the frame"
    return _component("subject_visibility", 0, 0.0, "subject's share of the frame", why)


def _text(lines: list[Rect], pixels: Pixels, scale: float, width: int) -> HintComponent:
    measure = "tallest text line as displayed (px)"
    if not lines:
        return _component("text_legibility", None, None, measure, "no text found: does not apply")
    tallest = max(lines, key=lambda line: line[3] - line[1])
    height = (tallest[3] - tallest[1]) * scale
    local = _local_contrast(pixels, tallest)
    score = 100 * min(_ramp(height, *TEXT_PX), _ramp(local, *TEXT_CONTRAST))
    why = (
        f"{len(lines)} text line(s); the tallest is {height:.0f} px on a {width} px wide display "
        f"(unreadable at {TEXT_PX[0]:.0f}, at a glance from {TEXT_PX[1]:.0f}), "
        f"local contrast {local:.2f}"
    )
    return _component("text_legibility", score, round(height, 1), measure, why)


def _clearance(seen: Seen) -> HintComponent:
    measure = "largest share of a face, subject or text line under an overlay"
    if not seen.zones:
        why = "the format has no documented UI overlays"
        return _component("safe_zone_clearance", 100, 0.0, measure, why)
    subjects = seen.faces or ([seen.salient[0]] if seen.salient else [])
    items = subjects + seen.text
    if not items:
        why = "no face, subject or text to cover"
        return _component("safe_zone_clearance", 100, 0.0, measure, why)
    worst = max(covered(item, seen.zones) for item in items)
    score = 100 * (1 - min(1.0, 2 * worst))
    why = f"at worst {worst:.0%} of a face, subject or text line lies under a UI overlay"
    return _component("safe_zone_clearance", score, worst, measure, why)


def _contrast(looks: Looks) -> HintComponent:
    score = 100 * (
        0.7 * _ramp(looks.contrast, *RMS_CONTRAST)
        + 0.3 * _ramp(looks.colourfulness, 0, COLOURFULNESS_FULL)
    )
    why = (
        f"RMS contrast {looks.contrast:.2f} (full from {RMS_CONTRAST[1]}), "
        f"colourfulness {looks.colourfulness:.0f} (full from {COLOURFULNESS_FULL:.0f})"
    )
    return _component("contrast", score, looks.contrast, "RMS contrast of the luma", why)


def _clutter(looks: Looks) -> HintComponent:
    density = looks.edge_density
    score = 100 * (1 - _ramp(density, *EDGE_DENSITY))
    why = (
        f"{density:.1%} of pixels on edges (calm up to {EDGE_DENSITY[0]:.0%}, "
        f"cluttered from {EDGE_DENSITY[1]:.0%})"
    )
    return _component("clutter", score, density, "share of pixels on edges", why)


def _component(
    name: str, score: float | None, value: float | None, measure: str, why: str
) -> HintComponent:
    return HintComponent.model_validate(
        {
            "name": name,
            "score": None if score is None else round(score),
            "weight": WEIGHTS[name],
            "value": None if value is None else round(value, 4),
            "measure": measure,
            "why": why,
        }
    )


def _local_contrast(pixels: Pixels, line: Rect) -> float:
    """The spread (5th to 95th percentile over 255) of the luma inside a text line's box."""
    left, top, right, bottom = (round(v) for v in line)
    region = pixels[top:bottom, left:right, :3].astype(np.float32)
    if region.size == 0:
        return 0.0
    grey = region @ np.array([0.299, 0.587, 0.114], np.float32)
    low, high = np.percentile(grey, (5, 95))
    return float(high - low) / 255


def _ramp(value: float, low: float, high: float) -> float:
    """0 at or below `low`, 1 at or above `high`, linear between."""
    return min(1.0, max(0.0, (value - low) / (high - low)))


def _clipped(rect: Rect, frame: Rect) -> Rect:
    left, top = max(rect[0], frame[0]), max(rect[1], frame[1])
    return (left, top, max(left, min(rect[2], frame[2])), max(top, min(rect[3], frame[3])))


def _area(rect: Rect) -> float:
    return max(0.0, rect[2] - rect[0]) * max(0.0, rect[3] - rect[1])
