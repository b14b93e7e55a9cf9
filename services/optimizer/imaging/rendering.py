"""One crop of a prepared source at one output size: resized, encoded within its budget and
measured (SSIM, picture checks). Presets asking the same crop and size share the work."""

from dataclasses import dataclass, field, replace
from typing import Literal

import cv2
import numpy as np
from PIL import Image

from contracts.optimizer import Framing, QualityCheck
from contracts.params.optimize import FitMode, OptimizeLevel
from services.optimizer.imaging.checks import picture_checks
from services.optimizer.imaging.encoding import (
    Budget,
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
from services.optimizer.imaging.engagement import Looks, looks_of
from services.optimizer.imaging.focus import Focus
from services.optimizer.imaging.framing import Crop, Rect, centre_crop, fit_box, padded
from services.optimizer.imaging.source import Pixels, Source

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
    """How a source is made into outputs (the `optimize` job's parameters)."""

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


@dataclass
class Made:
    """One encoded output file, how alike it is to its render, and the render's checks and
    looks (what its engagement hint measures of the pixels)."""

    encoded: Encoded
    ssim: float
    ssim_scale: Literal["full", "half"]
    checks: list[QualityCheck]
    looks: Looks
    pixels: Pixels
    budget: Budget


@dataclass
class Render:
    """One crop at one size, and the files encoded of it so far."""

    pixels: Pixels
    image: Image.Image
    reference: Luma
    checks: list[QualityCheck]
    looks: Looks
    encodings: list[Made] = field(default_factory=list)


@dataclass
class Prepared:
    """A source decoded and analysed once, and the outputs made of it so far (shared by every
    preset asking for the same crop, size and limits)."""

    source: Source
    focus: Focus
    options: Options
    renders: dict[tuple[object, ...], Render] = field(default_factory=dict)


def output_of(
    run: Prepared, crop: Crop, size: tuple[int, int], formats: tuple[str, ...], budget: Budget
) -> Made:
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
    scale: Literal["full", "half"] = "half" if half else "full"
    made = Made(encoded, score, scale, render.checks, render.looks, render.pixels, budget)
    render.encodings.append(made)
    return made


def _rendered(run: Prepared, crop: Crop, size: tuple[int, int]) -> Render:
    key = (tuple(round(v, 1) for v in crop.box), size, crop.framing)
    if key not in run.renders:
        pixels = _render(run, crop, size)
        reference = luma(pixels)
        shown = shown_at(run, crop, size)
        content = (round(shown[2] - shown[0]), round(shown[3] - shown[1]))
        small = _small(reference)
        checks = picture_checks(small) + _upscaled(crop.box, content, run.source.scale)
        looks = looks_of(small, pixels)
        run.renders[key] = Render(pixels, Image.fromarray(pixels), reference, checks, looks)
    return run.renders[key]


def _serves(made: Made, render: Render, formats: tuple[str, ...], budget: Budget) -> bool:
    """Whether a file made under one budget is what another budget would give: the same first
    format, not squeezed by its own limit, within the other's, and no size target either way."""
    if made.encoded.format != formats_for(render.image, formats)[0]:
        return False
    if made.budget.target_bytes is not None or budget.target_bytes is not None:
        return made.budget == budget
    squeezed = made.encoded.encodes > 1 and made.budget.max_bytes is not None
    fits = budget.max_bytes is None or len(made.encoded.data) <= budget.max_bytes
    return fits and (not squeezed or made.budget == budget)


def _reference(render: Render, fmt: str) -> Luma:
    """What the file should look like: the render, flattened on white where JPEG flattens it."""
    if fmt == "jpeg" and render.image.mode == "RGBA":
        return luma(np.asarray(flattened(render.image)))
    return render.reference


def _similar_enough(
    render: Render,
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


def shown_at(run: Prepared, crop: Crop, size: tuple[int, int]) -> Rect:
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
