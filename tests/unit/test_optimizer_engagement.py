"""The engagement hint of each output: every component moves the way it should on synthetic
images, and the total is the weighted mean of the components that apply."""

import pytest
from PIL import Image, ImageDraw

from contracts.catalog.platforms import resolve
from contracts.optimizer import EngagementHint, HintComponent
from tests.support.optimizer import run
from tests.support.photos import jpeg, photo, placed

COMPONENTS = {
    "subject_visibility",
    "text_legibility",
    "safe_zone_clearance",
    "contrast",
    "clutter",
}


def hint(image: Image.Image, preset: str = "ig.feed.square") -> EngagementHint:
    (output,) = run(jpeg(image), resolve([preset]), previews=False)
    made = output.report.engagement_hint
    assert made is not None
    return made


def component(made: EngagementHint, name: str) -> HintComponent:
    return next(c for c in made.components if c.name == name)


def score(made: EngagementHint, name: str) -> int:
    found = component(made, name).score
    assert found is not None, f"{name} does not apply"
    return found


def with_text(size: tuple[int, int], at: tuple[int, int], font_size: int) -> Image.Image:
    canvas = Image.new("RGB", size, (30, 60, 90))
    ImageDraw.Draw(canvas).text(at, "SUMMER SALE 50% OFF", fill="white", font_size=font_size)
    return canvas


def test_a_large_centred_face_is_more_visible_than_no_face() -> None:
    face = hint(placed((1200, 1200), [(150, 150, 900)]))
    none = hint(placed((1200, 1200), []))
    assert score(face, "subject_visibility") == 100
    assert score(face, "subject_visibility") > score(none, "subject_visibility")
    assert "face" in component(face, "subject_visibility").measure
    assert "no face" in component(none, "subject_visibility").why


def test_tiny_text_is_less_legible_than_big_text_and_no_text_does_not_apply() -> None:
    tiny = hint(with_text((2400, 2400), (240, 1200), 60))
    big = hint(with_text((2400, 2400), (240, 1100), 240))
    tiny_height, big_height = component(tiny, "text_legibility"), component(big, "text_legibility")
    assert tiny_height.value is not None
    assert big_height.value is not None
    assert tiny_height.value < big_height.value, "displayed line heights"
    assert score(tiny, "text_legibility") < score(big, "text_legibility") == 100
    assert "390 px wide display" in big_height.why, "measured at a phone's width"
    assert component(hint(placed((1200, 1200), [])), "text_legibility").score is None


def test_text_under_a_platform_overlay_lowers_clearance() -> None:
    covered = hint(with_text((1080, 1920), (80, 80), 90), "ig.story")
    clear = hint(with_text((1080, 1920), (80, 900), 90), "ig.story")
    assert score(clear, "safe_zone_clearance") == 100
    assert score(covered, "safe_zone_clearance") < 50
    assert "under a UI overlay" in component(covered, "safe_zone_clearance").why
    assert covered.score < clear.score


def test_a_flat_image_has_less_contrast_than_a_photo() -> None:
    flat = hint(Image.new("RGB", (1200, 1200), (128, 128, 128)))
    lively = hint(photo((1200, 1200)))
    assert score(flat, "contrast") == 0
    assert score(lively, "contrast") > 80


def test_a_noisy_image_is_more_cluttered_than_a_plain_one() -> None:
    plain = hint(placed((1200, 1200), [(150, 150, 900)]))
    noisy = hint(Image.effect_noise((1200, 1200), 80).convert("RGB"))
    busy, calm = component(noisy, "clutter"), component(plain, "clutter")
    assert busy.value is not None
    assert calm.value is not None
    assert busy.value > calm.value, "edge density"
    assert score(noisy, "clutter") < score(plain, "clutter")


def test_the_hint_is_a_weighted_mean_named_as_a_heuristic() -> None:
    made = hint(with_text((1080, 1920), (80, 900), 90), "ig.story")
    assert {c.name for c in made.components} == COMPONENTS
    assert sum(c.weight for c in made.components) == pytest.approx(1.0)
    assert made.method == "heuristic"
    assert "not a prediction of clicks" in made.description
    scored = [(c.score, c.weight) for c in made.components if c.score is not None]
    assert made.score == round(sum(s * w for s, w in scored) / sum(w for _, w in scored))
    assert made.display_width == 390
