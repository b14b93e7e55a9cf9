"""Watermarks composited by the local renderer, and uploaded fonts checked by content."""

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from contracts.catalog.fonts import BUNDLED_FONTS, FONT_ROOT
from contracts.params.overlay import WatermarkParams
from services.editing.local.watermark import watermark
from shared.fonts import FontRejectedError, font_media

ASSET = "ast_" + "A" * 26
LOGO = "ast_" + "B" * 26


def test_the_logo_sits_in_its_corner_at_its_size_and_opacity() -> None:
    image = Image.new("RGB", (400, 300), (0, 0, 0))
    logo = Image.new("RGBA", (100, 50), (255, 255, 255, 255))
    params = WatermarkParams(
        asset_id=ASSET, logo_asset_id=LOGO, corner="bottom-right", margin=10, scale=0.25,
        opacity=0.5,
    )  # fmt: skip
    after = watermark(image, logo, params)
    box = ImageChops.difference(image, after).getbbox()
    assert box == (290, 240, 390, 290)  # 25% of 400 px wide, 10 px from the corner
    assert abs(after.getpixel((340, 265))[0] - 128) <= 2  # type: ignore[index]


def test_the_logo_keeps_its_transparency() -> None:
    image = Image.new("RGB", (200, 200), (0, 0, 255))
    logo = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    logo.paste((255, 0, 0, 255), (10, 10, 30, 30))
    params = WatermarkParams(asset_id=ASSET, logo_asset_id=LOGO, corner="top-left", margin=0,
                             scale=0.2, opacity=1)  # fmt: skip
    after = watermark(image, logo, params)
    assert after.getpixel((2, 2)) == (0, 0, 255)
    assert after.getpixel((20, 20)) == (255, 0, 0)


def test_every_bundled_face_is_installed() -> None:
    for font in BUNDLED_FONTS.values():
        for face in font.faces.values():
            assert Path(FONT_ROOT, face).is_file(), face


def test_a_truetype_and_an_opentype_font_are_taken() -> None:
    ttf = Path(FONT_ROOT, BUNDLED_FONTS["sans"].faces["latin"]).read_bytes()
    otf = Path(FONT_ROOT, BUNDLED_FONTS["display"].faces["latin"]).read_bytes()
    assert font_media(ttf, 10_000_000).content_type == "font/ttf"
    assert font_media(otf, 10_000_000).format == "otf"


@pytest.mark.parametrize("what", ["png", "truncated", "large"])
def test_what_is_not_a_font_is_refused_by_content(what: str) -> None:
    ttf = Path(FONT_ROOT, BUNDLED_FONTS["sans"].faces["latin"]).read_bytes()
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG")
    data = {"png": png.getvalue(), "truncated": ttf[:400], "large": ttf}[what]
    with pytest.raises(FontRejectedError) as refused:
        font_media(data, 1000 if what == "large" else 10_000_000)
    assert refused.value.code == ("payload_too_large" if what == "large" else "invalid_font")
