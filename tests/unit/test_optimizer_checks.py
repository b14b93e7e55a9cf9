"""The optimizer's named quality checks: safe zones and previews, what is wrong with a picture,
upscaling, where a fitted image really is, and the recommended size."""

import io

from PIL import Image, ImageDraw, ImageFilter

from contracts.catalog.platforms import resolve
from contracts.params.optimize import FitMode, OptimizeLevel
from tests.support.optimizer import campaign_photo, decoded, run
from tests.support.photos import astronaut, jpeg, photo, placed


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


def test_fit_mode_checks_see_where_the_image_really_is() -> None:
    source = placed((1600, 900), [(650, 40, 300)])  # a face at the top of a wide image
    (story,) = run(jpeg(source), resolve(["ig.story"]), mode=FitMode.FIT)
    checks = {c.name: c for c in story.report.checks}
    assert story.report.crop.faces
    assert checks["safe_zone"].passed, "fitted in the middle of the story, clear of overlays"
    assert checks["upscaled"].passed, "1600 px wide shown 1080 wide: scaled down"


def test_the_recommended_size_check_matches_the_file() -> None:
    for level in OptimizeLevel:
        (cover,) = run(campaign_photo(), resolve(["fb.cover"]), level=level)
        check = next(c for c in cover.report.checks if c.name == "target_bytes")
        assert check.passed == (len(cover.data) <= 102_400), level
