"""One source image to many platform formats, all CPU work (run it on the CPU pool).

Decoded once (at the smallest JPEG draft scale the largest output needs), analysed once (faces,
saliency, text), and every output resampled from a shared pyramid. Outputs of the same size and
crop share their resize, encode and SSIM (a 1080x1920 story is one image for five platforms).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

import cv2
import numpy as np
from PIL import Image

from contracts.catalog.platforms import PlatformPreset
from contracts.optimizer import Box, CropChoice, Framing, OutputFailure, OutputReport, QualityCheck
from contracts.params.optimize import FitMode, OptimizeLevel
from services.optimizer.imaging.checks import framing_checks, picture_checks
from services.optimizer.imaging.encoding import (
    Budget,
    ByteLimitError,
    Encoded,
    Luma,
    Metadata,
    encode_as,
    encode_within,
    flattened,
    formats_for,
    luma,
    similarity,
)
from services.optimizer.imaging.focus import ANALYSIS_PIXELS, Focus, find_focus
from services.optimizer.imaging.framing import (
    Crop,
    Rect,
    centre_crop,
    fill_crops,
    fit_box,
    padded,
)
from services.optimizer.imaging.preview import has_overlays, safe_zone_preview
from services.optimizer.imaging.source import Pixels, Source, decode
from shared.images import ImageLimits

SSIM_FLOOR = 0.97
"""At `quality`, the encoder quality rises until the output's SSIM reaches this (or the limit)."""
MAX_QUALITY = 98
HALF_SSIM_PIXELS = 500_000
"""Below `quality`, outputs of at least this many pixels have their SSIM measured at half size
(4x quicker); smaller ones at full size, where fine detail would otherwise hide artefacts."""
CHECK_SIDE = 512
"""Picture checks (sharpness, exposure, contrast) look at the output at this longest side."""


@dataclass(frozen=True)
class Options:
    mode: FitMode = FitMode.FILL
    level: OptimizeLevel = OptimizeLevel.BALANCED
    focal_point: tuple[float, float] | None = None
    """Fractions of the source's width and height."""
    background: str | None = None
    """`#RRGGBB` padding in `fit` mode; None pads with a blurred extension of the image."""
    variants: int = 1
    max_bytes: int | None = None
    previews: bool = True
    metadata: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class Rendition:
    """One output file of one preset (variant 0 is the best crop)."""

    preset: PlatformPreset
    variant: int
    data: bytes
    format: str
    report: OutputReport
    preview: bytes | None


@dataclass
class _Made:
    encoded: Encoded
    ssim: float
    ssim_scale: Literal["full", "half"]
    checks: list[QualityCheck]
    pixels: Pixels
    budget: Budget


@dataclass
class _Render:
    """One crop at one size, and the files encoded of it so far."""

    pixels: Pixels
    image: Image.Image
    reference: Luma
    checks: list[QualityCheck]
    encodings: list[_Made] = field(default_factory=list)


@dataclass
class Prepared:
    """A source decoded and analysed once, and the outputs made of it so far (shared by every
    preset asking for the same crop, size and limits)."""

    source: Source
    focus: Focus
    options: Options
    renders: dict[tuple[object, ...], _Render] = field(default_factory=dict)


def optimize(
    data: bytes, presets: list[PlatformPreset], options: Options, limits: ImageLimits
) -> list[Rendition | OutputFailure]:
    """Every preset's output(s), or why a preset could not be made. Raises `ImageRejectedError`
    when the source is not a readable image."""
    prepared = prepare(data, presets, options, limits)
    by_size = sorted(presets, key=lambda p: (p.width, p.height))  # same sizes share their work
    made = {preset.id: make(prepared, preset) for preset in by_size}
    return [result for preset in presets for result in made[preset.id]]


def prepare(
    data: bytes, presets: list[PlatformPreset], options: Options, limits: ImageLimits
) -> Prepared:
    """Decode the source at the scale `presets` need and find what their crops must keep."""
    source = decode(data, limits, _scale_for(presets, options.mode))
    return Prepared(source, find_focus(source), options)


def make(prepared: Prepared, preset: PlatformPreset) -> list[Rendition | OutputFailure]:
    """One preset's output(s), or why it could not be made. Images of other sizes made before
    are let go (memory stays one size's worth: make the presets of one size one after another)."""
    size = (preset.width, preset.height)
    if any(key[1] != size for key in prepared.renders):
        prepared.renders.clear()
    try:
        return list(_preset(prepared, preset))
    except ByteLimitError as exc:
        return [OutputFailure(preset=preset.id, code=exc.code, message=exc.message)]


def _preset(run: Prepared, preset: PlatformPreset) -> list[Rendition]:
    size = (preset.width, preset.height)
    if run.options.mode is FitMode.FIT:
        width, height = run.source.size
        crops = [Crop((0, 0, width, height), (width / 2, height / 2), Framing.FIT)]
    else:
        focal = _focal_pixels(run)
        crops = fill_crops(
            run.source.size,
            size,
            run.focus,
            focal,
            count=run.options.variants,
            circle=preset.mask == "circle",
        )
    return [_rendition(run, preset, crop, variant) for variant, crop in enumerate(crops)]


def _rendition(run: Prepared, preset: PlatformPreset, crop: Crop, variant: int) -> Rendition:
    size = (preset.width, preset.height)
    budget = Budget(_limit(preset.max_bytes, run.options.max_bytes), preset.target_bytes)
    made = _made(run, crop, size, preset.formats, budget)
    shown = _shown_at(run, crop, size)
    checks, conflicts = framing_checks(preset, crop.box, run.focus, shown)
    if preset.target_bytes is not None:
        met = bool(made.encoded.met_target)
        checks.append(
            QualityCheck(
                name="target_bytes",
                passed=met,
                value=len(made.encoded.data),
                limit=f"<= {preset.target_bytes}",
                message="under the recommended size" if met else "over the recommended size",
            )
        )
    report = OutputReport(
        level=run.options.level.value,
        mode=run.options.mode.value,
        quality=made.encoded.quality,
        encodes=made.encoded.encodes,
        max_bytes=budget.max_bytes,
        ssim=round(made.ssim, 4),
        ssim_scale=made.ssim_scale,
        crop=_explained(run, crop),
        checks=made.checks + checks,
        safe_zone_conflicts=conflicts,
    )
    preview = None
    if run.options.previews and has_overlays(preset):
        preview = safe_zone_preview(Image.fromarray(made.pixels), preset)
    return Rendition(preset, variant, made.encoded.data, made.encoded.format, report, preview)


def _made(
    run: Prepared, crop: Crop, size: tuple[int, int], formats: tuple[str, ...], budget: Budget
) -> _Made:
    """The resized, encoded and measured output: shared by presets asking the same crop and
    size whenever the file made for one also serves the other's format and limits."""
    render = _rendered(run, crop, size)
    for made in render.encodings:
        if _serves(made, render, formats, budget):
            return made
    level = run.options.level
    encoded = encode_within(render.image, formats, budget, level, run.options.metadata)
    reference = _reference(render, encoded.format)
    half = level is not OptimizeLevel.QUALITY and size[0] * size[1] >= HALF_SSIM_PIXELS
    score = similarity(reference, encoded.data, half=half)
    if level is OptimizeLevel.QUALITY:
        encoded, score = _similar_enough(render, reference, encoded, score, budget, run.options)
    made = _Made(encoded, score, "half" if half else "full", render.checks, render.pixels, budget)
    render.encodings.append(made)
    return made


def _rendered(run: Prepared, crop: Crop, size: tuple[int, int]) -> _Render:
    key = (tuple(round(v, 1) for v in crop.box), size, crop.framing)
    if key not in run.renders:
        pixels = _render(run, crop, size)
        reference = luma(pixels)
        shown = _shown_at(run, crop, size)
        content = (round(shown[2] - shown[0]), round(shown[3] - shown[1]))
        checks = picture_checks(_small(reference))
        checks += _upscaled(crop.box, content, run.source.scale)
        run.renders[key] = _Render(pixels, Image.fromarray(pixels), reference, checks)
    return run.renders[key]


def _serves(made: _Made, render: _Render, formats: tuple[str, ...], budget: Budget) -> bool:
    """Whether a file made under one budget is what another budget would give: the same first
    format, not squeezed by its own limit, within the other's, and no size target either way."""
    if made.encoded.format != formats_for(render.image, formats)[0]:
        return False
    if made.budget.target_bytes is not None or budget.target_bytes is not None:
        return made.budget == budget
    squeezed = made.encoded.encodes > 1 and made.budget.max_bytes is not None
    fits = budget.max_bytes is None or len(made.encoded.data) <= budget.max_bytes
    return fits and (not squeezed or made.budget == budget)


def _reference(render: _Render, fmt: str) -> Luma:
    """What the file should look like: the render, flattened on white where JPEG flattens it."""
    if fmt == "jpeg" and render.image.mode == "RGBA":
        return luma(np.asarray(flattened(render.image)))
    return render.reference


def _similar_enough(
    render: _Render,
    reference: Luma,
    encoded: Encoded,
    score: float,
    budget: Budget,
    options: Options,
) -> tuple[Encoded, float]:
    """At `quality`, raise the encoder quality while the SSIM is under `SSIM_FLOOR` (grainy or
    detailed photos need it) and the file still fits its limit."""
    quality = encoded.quality
    while score < SSIM_FLOOR and quality is not None and quality < MAX_QUALITY:
        quality = min(MAX_QUALITY, quality + 3)
        data = encode_as(render.image, encoded.format, quality, options.level, options.metadata)
        if budget.max_bytes is not None and len(data) > budget.max_bytes:
            break
        met = None if budget.target_bytes is None else len(data) <= budget.target_bytes
        encoded = replace(
            encoded, data=data, quality=quality, encodes=encoded.encodes + 1, met_target=met
        )
        score = similarity(reference, data)
    return encoded, score


def _small(luma: Luma) -> Luma:
    """A luma no larger than `CHECK_SIDE`, so checks measure alike whatever the output size."""
    factor = max(luma.shape) / CHECK_SIDE
    while factor >= 2:  # halvings first: exact and quick
        luma = cv2.resize(
            luma, (luma.shape[1] // 2, luma.shape[0] // 2), interpolation=cv2.INTER_AREA
        )
        factor /= 2
    if factor <= 1:
        return luma
    size = (max(1, round(luma.shape[1] / factor)), max(1, round(luma.shape[0] / factor)))
    return cv2.resize(luma, size, interpolation=cv2.INTER_LINEAR)


def _shown_at(run: Prepared, crop: Crop, size: tuple[int, int]) -> Rect:
    """Where the crop lands in the output: all of it, or the fitted part inside the padding."""
    if crop.framing is not Framing.FIT:
        return (0, 0, size[0], size[1])
    left, top, width, height = fit_box(run.source.size, size)
    return (left, top, left + width, top + height)


def _render(run: Prepared, crop: Crop, size: tuple[int, int]) -> Pixels:
    antialias = run.options.level is not OptimizeLevel.SPEED
    if crop.framing is not Framing.FIT:
        return run.source.render(crop.box, size, antialias)
    left, top, width, height = fit_box(run.source.size, size)
    content = run.source.render(crop.box, (width, height), antialias)
    if (width, height) == size:
        return content
    if run.options.background is not None:
        return padded(content, size, (left, top), colour=run.options.background)
    small = (max(1, size[0] // 16), max(1, size[1] // 16))
    backdrop = run.source.render(centre_crop(run.source.size, size).box, small)
    return padded(content, size, (left, top), backdrop=backdrop)


def _upscaled(box: Rect, size: tuple[int, int], scale: float) -> list[QualityCheck]:
    factor = max(size[0] / ((box[2] - box[0]) * scale), size[1] / ((box[3] - box[1]) * scale))
    ok = factor <= 1.05
    return [
        QualityCheck(
            name="upscaled",
            passed=ok,
            value=round(factor, 2),
            limit="<= 1.05",
            message="made from enough source pixels" if ok else f"upscaled x{factor:.2f}: soft",
        )
    ]


def _explained(run: Prepared, crop: Crop) -> CropChoice:
    source = run.source
    original = source.original

    def box(b: Rect | Box) -> Box:
        return (original(b[0]), original(b[1]), original(b[2]), original(b[3]))

    inside = [f for f in run.focus.faces if _contains(crop.box, f)]
    salient = run.focus.salient_box
    return CropChoice(
        framing=crop.framing,
        box=box(crop.box),
        focal_point=(original(crop.focal_point[0]), original(crop.focal_point[1])),
        faces=[box(f) for f in run.focus.faces],
        salient_box=box(salient) if salient is not None else None,
        faces_in_frame=len(inside),
    )


def _contains(outer: Rect, inner: Box) -> bool:
    return (
        outer[0] <= inner[0] + 0.5
        and outer[1] <= inner[1] + 0.5
        and inner[2] <= outer[2] + 0.5
        and inner[3] <= outer[3] + 0.5
    )


def _focal_pixels(run: Prepared) -> tuple[float, float] | None:
    point = run.options.focal_point
    if point is None:
        return None
    return point[0] * run.source.size[0], point[1] * run.source.size[1]


def _limit(platform: int | None, asked: int | None) -> int | None:
    limits = [limit for limit in (platform, asked) if limit is not None]
    return min(limits) if limits else None


def _scale_for(presets: list[PlatformPreset], mode: FitMode) -> Callable[[tuple[int, int]], float]:
    """For a source of a given (upright) size: the smallest share of its pixels per side that
    every output still needs (so no output is made from fewer pixels than it has)."""

    def needed(size: tuple[int, int]) -> float:
        width, height = size
        share = math.sqrt(ANALYSIS_PIXELS / (width * height))  # the detectors' copy, at least
        for preset in presets:
            if preset.mask == "circle" and mode is FitMode.FILL:
                share = 1.0  # a headshot may crop down to the output's own size
            elif mode is FitMode.FIT:
                share = max(share, min(preset.width / width, preset.height / height))
            elif width / height > preset.width / preset.height:
                share = max(share, preset.height / height)
            else:
                share = max(share, preset.width / width)
        return min(1.0, share)

    return needed
