"""Text overlays drawn by the local renderer: shaping, contrast, placement and fitting."""

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont
from pydantic import ValidationError

from contracts.params.overlay import Box, TextOverlayParams
from services.editing.local.placement import Rect, safe_area
from services.editing.local.text_overlay import draw_text, font_faces, layout_engine
from shared.errors import PermanentError

ASSET = "ast_" + "A" * 26


def overlay(**fields: object) -> TextOverlayParams:
    return TextOverlayParams.model_validate({"asset_id": ASSET, "text": "Sale", **fields})


def drawn_box(before: Image.Image, after: Image.Image) -> tuple[int, int, int, int]:
    box = ImageChops.difference(before.convert("RGB"), after.convert("RGB")).getbbox()
    assert box is not None, "nothing was drawn"
    return box


@pytest.mark.parametrize("text", ["مرحبا بالعالم", "क्षत्रिय"])
def test_a_non_latin_text_is_shaped_not_laid_out_codepoint_by_codepoint(text: str) -> None:
    params = overlay(text=text)
    font = ImageFont.truetype(font_faces(params, None, text), 48, layout_engine=layout_engine())
    shaped, isolated = Image.new("L", (900, 120)), Image.new("L", (900, 120))
    ImageDraw.Draw(shaped).text((10, 10), text, font=font, fill=255)
    x = 10.0
    for char in text:  # each codepoint alone, one after the other
        ImageDraw.Draw(isolated).text((x, 10), char, font=font, fill=255)
        x += font.getlength(char)
    assert abs(font.getlength(text) - (x - 10)) > 5
    differing = int((np.asarray(ImageChops.difference(shaped, isolated)) > 128).sum())
    ink = int((np.asarray(shaped) > 128).sum())
    assert differing > ink / 2


@pytest.mark.parametrize(("background", "light"), [((10, 10, 30), True), ((245, 245, 235), False)])
def test_auto_colour_is_light_on_dark_and_dark_on_light(
    background: tuple[int, int, int], light: bool
) -> None:
    image = Image.new("RGB", (400, 200), background)
    after = draw_text(image, overlay(size=60), None)
    grey = np.asarray(after.convert("L"))
    brightest, darkest = int(grey.max()), int(grey.min())
    if light:
        assert brightest > 230
    else:
        assert darkest < 30


@pytest.mark.parametrize("anchor", ["top-left", "bottom-right", "center"])
def test_a_platform_format_keeps_the_text_inside_its_safe_zone(anchor: str) -> None:
    image = Image.new("RGB", (540, 960), (30, 90, 160))
    params = overlay(text="Line one\nLine two", anchor=anchor, margin=0, platform_format="ig.story")
    left, top, right, bottom = drawn_box(image, draw_text(image, params, None))
    zone = safe_area(image.size, "ig.story", 0)
    assert (zone.top, zone.bottom) == (135, 770)  # the story's UI margins, scaled by 0.5
    assert Rect(left, top, right, bottom).inside(zone)


def test_auto_size_fits_the_box_and_fills_it() -> None:
    image = Image.new("RGB", (600, 400), (200, 40, 40))
    box = Box(x=100, y=100, width=300, height=80)
    params = overlay(text="A rather long headline", box=box.model_dump(), margin=0)
    left, top, right, bottom = drawn_box(image, draw_text(image, params, None))
    assert Rect(left, top, right, bottom).inside(Rect(100, 100, 400, 180))
    assert right - left > 0.8 * box.width  # the largest size that fits, not a tiny one


def test_a_band_outline_and_shadow_are_drawn_around_the_text() -> None:
    image = Image.new("RGB", (400, 200), (128, 128, 128))
    plain = draw_text(image, overlay(size=40), None)
    styled = draw_text(image, overlay(size=40, band="#000000", shadow=True, outline=2), None)
    assert drawn_box(image, styled)[2] - drawn_box(image, styled)[0] > (
        drawn_box(image, plain)[2] - drawn_box(image, plain)[0]
    )


def test_a_size_that_overflows_the_area_is_refused() -> None:
    with pytest.raises(PermanentError) as refused:
        draw_text(Image.new("RGB", (200, 100)), overlay(size=300), None)
    assert refused.value.code == "invalid_params"


def test_a_font_without_a_face_for_the_script_is_refused_at_validation() -> None:
    with pytest.raises(ValidationError, match="no arabic face"):
        overlay(text="مرحبا", font="display")
    with pytest.raises(ValidationError, match="mixes"):
        overlay(text="Sale مرحبا")
    with pytest.raises(ValidationError, match="needs `brand_kit`"):
        overlay(font="brand")
