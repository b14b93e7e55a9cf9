"""The optimizer's pipeline on real photos: exact formats within byte limits at high SSIM, crops
that keep faces, padding that never crops, metadata stripped, and named quality checks."""

import io
from functools import cache

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from contracts.catalog.platforms import PRESETS, PlatformPreset, resolve
from contracts.optimizer import OutputFailure
from contracts.params.optimize import FitMode, OptimizeLevel
from services.optimizer.imaging.encoding import Budget, Metadata, encode_as, encode_within, ssim
from services.optimizer.imaging.focus import detect_faces
from services.optimizer.imaging.pipeline import Rendition, optimize
from services.optimizer.imaging.rendering import Options
from shared.images import ImageLimits
from tests.support.photos import astronaut, jpeg, photo, placed, reference_ssim

LIMITS = ImageLimits(max_bytes=200 * 2**20, max_pixels=100_000_000)


def run(data: bytes, presets: list[PlatformPreset], **options: object) -> list[Rendition]:
    results = optimize(data, presets, Options(**options), LIMITS)  # type: ignore[arg-type]
    made = [r for r in results if isinstance(r, Rendition)]
    assert len(made) == len(results), [r for r in results if isinstance(r, OutputFailure)]
    return made


def decoded(rendition: Rendition) -> Image.Image:
    image = Image.open(io.BytesIO(rendition.data))
    image.load()
    return image


@cache
def campaign_photo() -> bytes:
    return jpeg(photo((4000, 3000)), quality=92)


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


@pytest.mark.parametrize(
    ("size", "faces"),
    [
        ((512, 512), []),  # the photo as shipped
        ((4000, 1500), [(60, 200, 900)]),  # a panorama, face at the far left
        ((4000, 1500), [(3000, 600, 800)]),  # face low on the right
        ((1500, 4000), [(300, 3000, 900)]),  # a tall shot, face at the bottom
        ((4000, 2000), [(200, 300, 900), (2800, 700, 900)]),  # two people far apart
    ],
)
def test_fill_crops_keep_every_detected_face_when_the_aspect_allows(
    size: tuple[int, int], faces: list[tuple[int, int, int]]
) -> None:
    image = astronaut() if not faces else placed(size, faces)
    for rendition in run(jpeg(image), list(PRESETS.values()), previews=False):
        crop = rendition.report.crop
        assert crop.faces, "the face is detected"
        left, top, right, bottom = crop.box
        width, height = right - left, bottom - top
        inside = [f for f in crop.faces if _within(f, crop.box)]
        union = _union(crop.faces)
        if union[2] - union[0] <= width and union[3] - union[1] <= height:
            assert len(inside) == len(crop.faces), (rendition.preset.id, crop)
        else:
            largest = max(crop.faces, key=lambda f: (f[2] - f[0]) * (f[3] - f[1]))
            fits = largest[2] - largest[0] <= width and largest[3] - largest[1] <= height
            assert not fits or largest in inside, (rendition.preset.id, crop)
        assert crop.faces_in_frame == len(inside)


def test_the_face_detector_finds_the_astronaut() -> None:
    grey = np.asarray(astronaut().convert("L"))
    (face,) = detect_faces(grey)
    left, top, right, bottom = face
    assert 150 < (left + right) / 2 < 300
    assert 50 < (top + bottom) / 2 < 200


def test_a_wide_crop_of_two_people_frames_both() -> None:
    image = placed((4000, 2000), [(400, 300, 700), (2400, 300, 700)])
    (header,) = run(jpeg(image), resolve(["x.header"]), previews=False)
    assert header.report.crop.framing == "faces"
    assert header.report.crop.faces_in_frame == 2


def test_ab_variants_are_different_crops_best_first() -> None:
    image = placed((4000, 2000), [(200, 300, 800), (2900, 700, 800)])
    made = run(jpeg(image), resolve(["ig.story"]), variants=3, previews=False)
    assert [r.variant for r in made] == [0, 1, 2]
    assert len({r.report.crop.box for r in made}) == 3
    assert made[0].report.crop.faces_in_frame >= 1


def test_a_focal_point_decides_the_crop() -> None:
    image = placed((4000, 2000), [(200, 300, 800)])
    (story,) = run(jpeg(image), resolve(["ig.story"]), focal_point=(0.9, 0.5), previews=False)
    left, _, right, _ = story.report.crop.box
    assert story.report.crop.framing == "focal_point"
    assert left <= 3600 <= right


def test_fit_mode_never_crops_and_pads_with_the_colour() -> None:
    source = photo((1600, 1200), grain=0)
    (story,) = run(jpeg(source), resolve(["ig.story"]), mode=FitMode.FIT, background="#ff0000")
    image = np.asarray(decoded(story).convert("RGB")).astype(int)
    assert story.report.crop.box == (0, 0, 1600, 1200)
    # 1600x1200 fits a 1080 wide canvas at 1080x810, centred: 555 px of padding above and below
    top, bottom = image[:540], image[-540:]
    for band in (top, bottom):
        assert np.abs(band - [255, 0, 0]).max() <= 12  # red, give or take JPEG
    content = Image.fromarray(image[555 : 555 + 810].astype(np.uint8)).convert("L")
    expected = source.resize((1080, 810), Image.Resampling.LANCZOS).convert("L")
    assert reference_ssim(np.asarray(expected), np.asarray(content)) > 0.9


def test_fit_mode_pads_with_a_blurred_extension_of_the_image() -> None:
    source = photo((1600, 1200), grain=0)
    (story,) = run(jpeg(source), resolve(["ig.story"]), mode=FitMode.FIT)
    image = np.asarray(decoded(story).convert("RGB")).astype(float)
    padding = image[:540]
    assert padding.std() > 5, "not a flat colour"
    assert np.abs(np.diff(padding, axis=1)).mean() < 2, "smooth: blurred"
    # the backdrop is the centre of the image scaled to cover the canvas, blurred
    cover = source.resize((1080, 1920), Image.Resampling.BILINEAR, box=(462, 0, 1137, 1200))
    expected = np.asarray(cover).astype(float)[:540]
    assert np.abs(padding.mean(axis=(0, 1)) - expected.mean(axis=(0, 1))).max() < 15


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


def test_safe_zone_conflicts_and_previews() -> None:
    canvas = placed((1080, 1920), [(290, 1450, 460)])  # a face low in a story frame
    ImageDraw.Draw(canvas).text((120, 60), "SUMMER SALE 50% OFF", fill="white", font_size=80)
    square, story = run(jpeg(canvas), resolve(["ig.story", "ig.feed.square"]))  # catalog order
    assert set(story.report.safe_zone_conflicts) == {"face", "text"}
    checks = {c.name: c for c in story.report.checks}
    assert not checks["safe_zone"].passed
    assert story.preview is not None
    preview = Image.open(io.BytesIO(story.preview)).convert("RGB")
    assert preview.size == (1080, 1920)
    shaded, plain = preview.getpixel((540, 100)), decoded(story).convert("RGB").getpixel((540, 100))
    assert isinstance(shaded, tuple)
    assert isinstance(plain, tuple)
    assert shaded[0] > plain[0], "the overlay zone is shaded red"
    assert square.preview is None, "no overlays on a feed square"
    assert "safe_zone" not in {c.name for c in square.report.checks}


def test_quality_checks_name_what_is_wrong() -> None:
    sharp = photo((1200, 900), grain=0)
    blurred = sharp.filter(ImageFilter.GaussianBlur(12))
    dark = Image.eval(sharp, lambda v: v // 8)
    flat = Image.new("RGB", (1200, 900), (128, 128, 128))
    verdicts = {}
    for name, image in [("sharp", sharp), ("blurred", blurred), ("dark", dark), ("flat", flat)]:
        (out,) = run(jpeg(image), resolve(["ig.feed.square"]))
        verdicts[name] = {c.name: c.passed for c in out.report.checks}
    assert verdicts["sharp"]["sharpness"]
    assert verdicts["sharp"]["contrast"]
    assert not verdicts["blurred"]["sharpness"]
    assert not verdicts["dark"]["exposure"]
    assert not verdicts["flat"]["contrast"]


def test_a_small_source_is_flagged_as_upscaled() -> None:
    (header,) = run(jpeg(astronaut()), resolve(["yt.banner"]))
    upscaled = next(c for c in header.report.checks if c.name == "upscaled")
    assert not upscaled.passed
    assert upscaled.value is not None
    assert upscaled.value > 4


def _within(face: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> bool:
    return box[0] <= face[0] and box[1] <= face[1] and face[2] <= box[2] and face[3] <= box[3]


def _union(faces: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    return (
        min(f[0] for f in faces),
        min(f[1] for f in faces),
        max(f[2] for f in faces),
        max(f[3] for f in faces),
    )


def test_a_crop_does_not_depend_on_the_other_formats_asked() -> None:
    source = jpeg(placed((2000, 1500), [(700, 300, 700)]))
    (alone,) = run(source, resolve(["ig.profile"]), previews=False)
    with_banner = run(source, resolve(["ig.profile", "li.personal_banner"]), previews=False)
    profile = next(r for r in with_banner if r.preset.id == "ig.profile")
    assert alone.report.crop.faces
    assert alone.report.crop.box == profile.report.crop.box
    left, _, right, _ = alone.report.crop.box
    assert right - left < 1000, "a headshot, framed on the face"


def test_fit_mode_checks_see_where_the_image_really_is() -> None:
    source = placed((1600, 900), [(650, 40, 300)])  # a face at the top of a wide image
    (story,) = run(jpeg(source), resolve(["ig.story"]), mode=FitMode.FIT)
    checks = {c.name: c for c in story.report.checks}
    assert story.report.crop.faces
    assert checks["safe_zone"].passed, "fitted in the middle of the story, clear of overlays"
    assert checks["upscaled"].passed, "1600 px wide shown 1080 wide: scaled down"


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


def test_the_recommended_size_check_matches_the_file() -> None:
    for level in OptimizeLevel:
        (cover,) = run(campaign_photo(), resolve(["fb.cover"]), level=level)
        check = next(c for c in cover.report.checks if c.name == "target_bytes")
        assert check.passed == (len(cover.data) <= 102_400), level


@pytest.mark.parametrize("size", [(1, 1), (1, 100), (30, 20)])
def test_tiny_sources_still_make_every_format(size: tuple[int, int]) -> None:
    made = run(jpeg(Image.new("RGB", size, (200, 120, 40))), resolve(["x.header", "ig.profile"]))
    assert [(r.preset.width, r.preset.height) for r in made] == [(320, 320), (1500, 500)]
    assert all(not c.passed for r in made for c in r.report.checks if c.name == "upscaled")
