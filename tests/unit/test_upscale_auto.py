"""`upscale.auto`: the chooser's rules on measured photos, the presets' sizes, formats and
refusals, its price, and the finished output's size, profile and dpi."""

import io
from functools import cache
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFont
from pydantic import ValidationError
from skimage import data

from contracts.billing.estimates import estimate
from contracts.jobs import parse_params
from contracts.media import ImageFormat
from contracts.params.upscale import UpscaleAutoParams
from contracts.upscaling import UpscaleChoice, UpscaleMode
from services.editing.upscaling.choose import choose
from services.editing.upscaling.facts import measure
from services.editing.upscaling.finish import finish_of, finished
from shared.images import ImageLimits, encode
from tests.support.photos import astronaut

SOURCE = "ast_" + "A" * 26
LIMITS = ImageLimits(max_bytes=64 * 2**20, max_pixels=40_000_000)


def auto(**params: Any) -> UpscaleAutoParams:
    parsed = parse_params("upscale.auto", {"asset_id": SOURCE, **params})
    assert isinstance(parsed, UpscaleAutoParams)
    return parsed


@cache
def rocket(width: int) -> Image.Image:
    """A real photo with no face and no text, `width` px wide."""
    image = Image.fromarray(data.rocket())  # type: ignore[no-untyped-call]
    return image.resize(
        (width, round(width * image.height / image.width)), Image.Resampling.LANCZOS
    )


def noisy(image: Image.Image, sigma: float = 12) -> Image.Image:
    pixels = np.asarray(image, dtype=np.float32)
    grain = np.random.default_rng(3).normal(0, sigma, pixels.shape)
    return Image.fromarray(np.clip(pixels + grain, 0, 255).astype(np.uint8))


def with_caption(image: Image.Image) -> Image.Image:
    captioned = image.copy()
    draw = ImageDraw.Draw(captioned)
    draw.rectangle((20, 140, 280, 190), fill="white")
    draw.text((30, 150), "SALE 50% OFF TODAY", fill="black", font=ImageFont.load_default(22))
    return captioned


def chosen(image: Image.Image, **params: Any) -> UpscaleChoice:
    return choose(auto(**params), measure(image))


def test_a_small_noisy_photo_is_upscaled_creatively() -> None:
    choice = chosen(noisy(rocket(320)))
    assert choice.mode is UpscaleMode.CREATIVE
    assert choice.reasons[0].factor == "noise"
    assert choice.noise >= 5
    assert (choice.faces, choice.text_regions) == (0, 0)


def test_a_large_clean_photo_is_upscaled_fast() -> None:
    choice = chosen(rocket(1000))
    assert (choice.mode, choice.kind) == (UpscaleMode.FAST, "upscale.fast")
    assert choice.reasons[0].factor == "default"
    assert choice.noise < 5
    assert choice.target == (4000, 2668)


@pytest.mark.parametrize(
    ("image", "factor"),
    [(noisy(astronaut().resize((256, 256))), "faces"), (noisy(with_caption(rocket(300))), "text")],
)
def test_faces_or_text_keep_a_noisy_photo_conservative(image: Image.Image, factor: str) -> None:
    choice = chosen(image)
    assert choice.mode is UpscaleMode.CONSERVATIVE
    assert choice.reasons[0].factor == factor
    assert "creative would redraw" in choice.reasons[0].message


def test_a_source_over_one_megapixel_only_fits_conservative() -> None:
    choice = chosen(rocket(1400))
    assert choice.mode is UpscaleMode.CONSERVATIVE
    assert choice.reasons[0].factor == "size"
    assert choice.target[0] * choice.target[1] <= 4_194_304


def test_growing_past_four_times_calls_for_creative() -> None:
    choice = chosen(rocket(200), scale=6)
    assert choice.mode is UpscaleMode.CREATIVE
    assert choice.reasons[0].factor == "target"


def test_draft_quality_runs_the_local_fast_upscale_whatever_the_source() -> None:
    choice = chosen(noisy(rocket(320)), quality="draft")
    assert choice.mode is UpscaleMode.FAST
    assert choice.reasons[0].factor == "quality"


def test_presets_fix_the_mode_size_and_format() -> None:
    web = chosen(noisy(rocket(320)), preset="web")
    assert (web.mode, web.target) == (UpscaleMode.FAST, (2048, 1370))
    assert auto(preset="web").output_format is ImageFormat.JPEG
    size = {"width": 4, "height": 6, "unit": "in"}
    printed = chosen(rocket(320), preset="print", print_size=size)
    assert (printed.mode, printed.target, printed.dpi) == (
        UpscaleMode.CONSERVATIVE,
        (1200, 1800),
        300,
    )
    social = chosen(rocket(320), preset="social", platform_format="ig.story")
    assert social.target == (1080, 1920)


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"preset": "print", "print_size": {"width": 300, "height": 200}}, "at most 4194304"),
        ({"preset": "print"}, "needs print_size"),
        ({"preset": "web", "output_format": "png"}, "writes jpeg or webp"),
        ({"preset": "social", "platform_format": "ig.nope"}, "unknown platform format"),
        ({"preset": "social", "platform_format": "ig.story", "output_format": "webp"}, "takes"),
        ({"print_size": {"width": 10, "height": 10}}, "needs preset: print"),
        ({"preset": "web", "scale": 2}, "leave scale out"),
        ({"preset": "vintage"}, "web"),
    ],
)
def test_bad_preset_combinations_are_refused_with_the_reason(
    params: dict[str, Any], reason: str
) -> None:
    with pytest.raises(ValidationError, match=reason):
        auto(**params)


def test_auto_is_priced_at_the_dearest_mode_it_may_choose() -> None:
    prompted = {"asset_id": SOURCE, "prompt": "x"}
    dearest = max(
        estimate(kind, parse_params(kind, prompted)).credits
        for kind in ("upscale.conservative", "upscale.creative")
    )
    assert estimate("upscale.auto", auto()).credits == dearest
    assert estimate("upscale.auto", auto(quality="draft")).credits == 1
    fast = estimate("upscale.fast", parse_params("upscale.fast", {"asset_id": SOURCE}))
    assert estimate("upscale.auto", auto(preset="web")).credits == fast.credits


def test_web_output_is_srgb_jpeg_and_print_output_carries_its_dpi() -> None:
    source = rocket(320)
    web_params = auto(preset="web")
    web = finished(
        encode(source, ImageFormat.PNG), finish_of(web_params, chosen(source, preset="web")), LIMITS
    )
    with Image.open(io.BytesIO(web)) as image:
        assert (image.format, image.size) == ("JPEG", (2048, 1370))
        profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        assert "sRGB" in ImageCms.getProfileDescription(profile)
    size = {"width": 100, "height": 150, "unit": "mm", "dpi": 300}
    print_params = auto(preset="print", print_size=size)
    choice = chosen(source, preset="print", print_size=size)
    printed = finished(encode(source, ImageFormat.PNG), finish_of(print_params, choice), LIMITS)
    with Image.open(io.BytesIO(printed)) as image:
        assert (image.format, image.size) == ("PNG", (1181, 1772))
        assert tuple(round(d) for d in image.info["dpi"]) == (300, 300)
