"""`upscale.auto` on the real stack: the chosen mode runs (through the emulated Stability API)
and the job explains the choice; each preset's documented size, format and dpi; bad presets
refused with the reason."""

import io
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image, ImageCms
from skimage import data

from tests.support.client import run_job
from tests.support.edit_jobs import edit, png, result_of, upload


def noisy_rocket(width: int) -> Image.Image:
    """A real photo with no face or text, `width` px wide, with heavy grain."""
    image = Image.fromarray(data.rocket())  # type: ignore[no-untyped-call]
    image = image.resize((width, width * 2 // 3), Image.Resampling.LANCZOS)
    pixels = np.asarray(image, dtype=np.float32)
    grain = np.random.default_rng(3).normal(0, 12, pixels.shape)
    return Image.fromarray(np.clip(pixels + grain, 0, 255).astype(np.uint8))


@pytest.fixture
async def source(api: httpx.AsyncClient) -> str:
    return await upload(api, png(noisy_rocket(360)))


async def test_auto_runs_the_mode_it_explains_and_charges_that_mode(
    api: httpx.AsyncClient, source: str
) -> None:
    quote = (await api.post("/v1/estimate", json=edit("upscale.auto", source))).json()
    creative = edit("upscale.creative", source, prompt="x")
    creative_quote = (await api.post("/v1/estimate", json=creative)).json()
    job = await run_job(api, edit("upscale.auto", source))
    asset, content = await result_of(api, job)
    choice = job["choice"]
    assert (choice["mode"], choice["kind"], choice["source"]) == (
        "creative",
        "upscale.creative",
        [360, 240],
    )
    assert choice["reasons"][0]["factor"] == "noise"
    assert choice["noise"] >= 5
    assert (job["provider"], job["model"]) == ("stability", "creative")
    assert (asset["width"], asset["height"]) == (1440, 960) == tuple(choice["target"])
    assert Image.open(io.BytesIO(content)).size == (1440, 960)
    assert job["cost"]["credits"] == creative_quote["credits"] <= quote["credits"]


async def test_the_web_preset_is_an_srgb_jpeg_2048_px_long(
    api: httpx.AsyncClient, source: str
) -> None:
    job = await run_job(api, edit("upscale.auto", source, preset="web", quality="draft"))
    asset, content = await result_of(api, job)
    assert (job["choice"]["mode"], job["provider"]) == ("fast", "local")
    assert (asset["format"], asset["width"], asset["height"]) == ("jpeg", 2048, 1365)
    with Image.open(io.BytesIO(content)) as image:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        assert "sRGB" in ImageCms.getProfileDescription(profile)


async def test_the_print_preset_is_a_png_at_300_dpi_of_the_print_size(
    api: httpx.AsyncClient, source: str
) -> None:
    size = {"width": 100, "height": 150, "unit": "mm"}
    job = await run_job(api, edit("upscale.auto", source, preset="print", print_size=size))
    asset, content = await result_of(api, job)
    assert (job["choice"]["mode"], job["choice"]["dpi"]) == ("conservative", 300)
    assert (job["provider"], job["model"]) == ("stability", "conservative")
    with Image.open(io.BytesIO(content)) as image:
        assert (image.format, image.size) == ("PNG", (1181, 1772))
        assert tuple(round(d) for d in image.info["dpi"]) == (300, 300)
    assert (asset["width"], asset["height"]) == (1181, 1772)


async def test_the_social_preset_is_the_platform_formats_size(
    api: httpx.AsyncClient, source: str
) -> None:
    params = {"preset": "social", "platform_format": "li.post", "quality": "draft"}
    job = await run_job(api, edit("upscale.auto", source, **params))
    asset, _ = await result_of(api, job)
    assert (asset["format"], asset["width"], asset["height"]) == ("jpeg", 1200, 627)


@pytest.mark.parametrize(
    ("params", "loc", "reason"),
    [
        (
            {"preset": "print", "print_size": {"width": 20, "height": 30, "unit": "in"}},
            "params",
            "the conservative upscale makes at most",
        ),
        ({"preset": "web", "output_format": "png"}, "params", "writes jpeg or webp"),
        ({"preset": "social", "platform_format": "ig.nope"}, "params", "unknown platform"),
        ({"preset": "poster"}, "params.preset", "web"),
    ],
)
async def test_bad_preset_input_is_refused_with_the_reason(
    api: httpx.AsyncClient, source: str, params: dict[str, Any], loc: str, reason: str
) -> None:
    answer = await api.post("/v1/jobs", json=edit("upscale.auto", source, **params))
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_params"
    assert any(d["loc"].startswith(loc) and reason in d["message"] for d in error["details"]), error
