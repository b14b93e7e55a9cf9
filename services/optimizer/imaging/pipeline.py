"""One source image to many platform formats, all CPU work (run it on the CPU pool).

Decoded once (at the smallest JPEG draft scale the largest output needs), analysed once (faces,
saliency, text), and every output resampled from a shared pyramid. Outputs of the same size and
crop share their resize, encode and SSIM (a 1080x1920 story is one image for five platforms).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from contracts.catalog.platforms import PlatformPreset
from contracts.optimizer import Box, CropChoice, Framing, OutputFailure, OutputReport, QualityCheck
from contracts.params.optimize import FitMode
from services.optimizer.imaging.checks import framing_checks
from services.optimizer.imaging.encoding import Budget, ByteLimitError
from services.optimizer.imaging.engagement import engagement_hint
from services.optimizer.imaging.focus import ANALYSIS_PIXELS, find_focus
from services.optimizer.imaging.framing import Crop, Rect, fill_crops
from services.optimizer.imaging.preview import has_overlays, safe_zone_preview
from services.optimizer.imaging.rendering import Options, Prepared, output_of, shown_at
from services.optimizer.imaging.source import decode
from shared.images import ImageLimits


@dataclass(frozen=True)
class Rendition:
    """One output file of one preset (variant 0 is the best crop)."""

    preset: PlatformPreset
    variant: int
    data: bytes
    format: str
    report: OutputReport
    preview: bytes | None


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
    made = output_of(run, crop, size, preset.formats, budget)
    shown = shown_at(run, crop, size)
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
        engagement_hint=engagement_hint(
            preset, crop.box, run.focus, shown, made.looks, made.pixels
        ),
    )
    preview = None
    if run.options.previews and has_overlays(preset):
        preview = safe_zone_preview(Image.fromarray(made.pixels), preset)
    return Rendition(preset, variant, made.encoded.data, made.encoded.format, report, preview)


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
