"""The optimizer's pipeline on real photos: exact formats within byte limits at high SSIM,
metadata stripped, orientation and transparency kept (crops: `test_optimizer_crops`; quality
checks: `test_optimizer_checks`)."""

import io
from functools import cache

import numpy as np
import pytest
from PIL import Image, ImageDraw

from contracts.catalog.platforms import PRESETS, resolve
from contracts.optimizer import OutputFailure
from contracts.params.optimize import OptimizeLevel
from services.optimizer.imaging.encoding import Budget, Metadata, encode_as, encode_within, ssim
from services.optimizer.imaging.pipeline import Rendition, optimize
from services.optimizer.imaging.rendering import Options
from tests.support.optimizer import LIMITS, campaign_photo, decoded, run
from tests.support.photos import astronaut, jpeg, photo, reference_ssim


@cache
def every_format_at_quality() -> list[Rendition]:
    return run(campaign_photo(), list(PRESETS.values()), level=OptimizeLevel.QUALITY)


def test_every_catalog_format_from_one_photo_is_exact_and_within_its_limit() -> None:
    made = every_format_at_quality()
    assert [r.preset.id for r in made] == list(PRESETS)
    for rendition in made:
        preset, image = rendition.preset, decoded(rendition)
        assert image.size == (preset.width, preset.height), preset.id
        assert str(image.format).lower() in preset.formats, preset.id
        assert preset.max_bytes is None or len(rendition.data) <= preset.max_bytes, preset.id


def test_quality_level_keeps_ssim_at_least_095_against_the_resized_source() -> None:
    """Measured independently: scikit-image's SSIM of the file against the crop the report names,
    resized from the original with Lanczos."""
    source = Image.open(io.BytesIO(campaign_photo())).convert("L")
    for rendition in every_format_at_quality():
        left, top, right, bottom = rendition.report.crop.box
        size = (rendition.preset.width, rendition.preset.height)
        reference = source.resize(size, Image.Resampling.LANCZOS, box=(left, top, right, bottom))
        output = np.asarray(decoded(rendition).convert("L"))
        score = reference_ssim(np.asarray(reference), output)
        assert score >= 0.95, (rendition.preset.id, score)
        assert rendition.report.ssim >= 0.95


def test_our_ssim_agrees_with_scikit_image() -> None:
    rng = np.random.default_rng(3)
    clean = np.asarray(astronaut().convert("L"))
    noisy = np.clip(clean + rng.normal(0, 12, clean.shape), 0, 255).astype(np.uint8)
    expected = reference_ssim(clean, noisy)
    assert ssim(clean, noisy) == pytest.approx(expected, abs=0.01)
    assert ssim(clean, clean) == pytest.approx(1.0)


def test_a_byte_limit_is_met_at_the_highest_quality_that_fits() -> None:
    image = photo((1280, 720))
    budget = Budget(max_bytes=60_000)
    found = encode_within(image, ("jpeg",), budget, OptimizeLevel.BALANCED, Metadata())
    assert found.quality is not None
    assert found.encodes > 1
    assert len(found.data) <= 60_000
    higher = encode_as(image, "jpeg", found.quality + 1, OptimizeLevel.BALANCED, Metadata())
    assert len(higher) > 60_000, "one step up would not fit: the least loss that does"

    (thumbnail,) = run(campaign_photo(), resolve(["yt.thumbnail"]), max_bytes=60_000)
    assert len(thumbnail.data) <= 60_000
    assert thumbnail.report.max_bytes == 60_000


def test_an_unreachable_limit_fails_that_format_and_keeps_the_others() -> None:
    grainy = jpeg(photo((2600, 1500), grain=40), quality=95)
    results = optimize(
        grainy, resolve(["x.profile", "yt.banner"]), Options(max_bytes=40_000), LIMITS
    )
    made = [r for r in results if isinstance(r, Rendition)]
    failed = [r for r in results if isinstance(r, OutputFailure)]
    assert [r.preset.id for r in made] == ["x.profile"]
    assert [(f.preset, f.code) for f in failed] == [("yt.banner", "byte_limit_unreachable")]
    assert "40000 bytes" in failed[0].message


def test_metadata_is_stripped_but_for_copyright_and_author() -> None:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # GPS latitude
    source = jpeg(photo((1200, 900)), exif=exif.tobytes())
    (plain,) = run(source, resolve(["ig.feed.square"]))
    assert not decoded(plain).getexif()
    assert "icc_profile" not in decoded(plain).info
    metadata = Metadata(copyright="(c) 2026 Agency", author="Jo Doe")
    (signed,) = run(source, resolve(["ig.feed.square"]), metadata=metadata)
    kept = dict(decoded(signed).getexif())
    assert kept == {0x8298: "(c) 2026 Agency", 0x013B: "Jo Doe"}


def test_exif_orientation_is_applied() -> None:
    upright = photo((900, 1200), grain=0)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored rotated: viewers turn it 90 degrees clockwise
    stored = jpeg(upright.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes())
    (pin,) = run(stored, resolve(["pin.standard"]))
    assert pin.report.crop.box[2:] <= (900, 1200)
    assert pin.report.crop.faces, "the face is found in the upright image"


def test_transparent_sources_stay_transparent_where_png_is_accepted() -> None:
    logo = Image.new("RGBA", (1200, 1200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((200, 200, 1000, 1000), fill=(200, 30, 90, 255))
    out = io.BytesIO()
    logo.save(out, "PNG")
    (square, cover) = run(out.getvalue(), resolve(["ig.feed.square", "tt.video_cover"]))
    assert (square.format, decoded(square).mode) == ("png", "RGBA")
    assert cover.format == "jpeg", "TikTok covers take JPEG only: flattened"


def test_transparent_images_flattened_to_jpeg_are_measured_as_flattened() -> None:
    logo = Image.new("RGBA", (1200, 1200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((100, 100, 700, 700), fill=(200, 30, 90, 255))
    out = io.BytesIO()
    logo.save(out, "PNG")
    (cover,) = run(out.getvalue(), resolve(["tt.video_cover"]), level=OptimizeLevel.QUALITY)
    assert cover.format == "jpeg"
    assert cover.report.ssim > 0.95
    assert cover.report.quality == 92, "no quality chase against the wrong reference"


def test_an_alpha_channel_with_nothing_transparent_is_a_photo() -> None:
    out = io.BytesIO()
    photo((1200, 900)).convert("RGBA").save(out, "PNG")
    (square,) = run(out.getvalue(), resolve(["ig.feed.square"]))
    assert square.format == "jpeg"


@pytest.mark.parametrize("size", [(1, 1), (1, 100), (30, 20)])
def test_tiny_sources_still_make_every_format(size: tuple[int, int]) -> None:
    made = run(jpeg(Image.new("RGB", size, (200, 120, 40))), resolve(["x.header", "ig.profile"]))
    assert [(r.preset.width, r.preset.height) for r in made] == [(320, 320), (1500, 500)]
    assert all(not c.passed for r in made for c in r.report.checks if c.name == "upscaled")
