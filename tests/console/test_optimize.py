"""The social optimizer: an uploaded photo becomes three platform versions that render (with the
platform's safe zone drawn over them), each with its size, checks and engagement hint,
downloadable one by one and all together as a zip whose entries match."""

import asyncio
import io
import json
import re
import zipfile
from pathlib import Path

import httpx
from PIL import Image, ImageDraw, ImageStat
from playwright.async_api import Locator, Page, expect

from tests.support.console import (
    PHONE,
    axe_violations,
    describe,
    is_picture,
    pixels,
    save_screenshot,
)

PRESETS = {"ig.story": "instagram", "x.header": "x", "li.profile": "linkedin"}
WITH_OVERLAYS = {"ig.story", "li.profile"}  # x.header has no safe zone to draw
RUN = 60_000
UPLOAD = 30_000
"""An upload is answered once its enrichment is done or after 5 s (the library's `upload_wait_s`),
later on a loaded machine: more than the 5 s an `expect` waits by default."""


def campaign_photo(size: tuple[int, int] = (1200, 900)) -> bytes:
    """A photo-like PNG: colour gradients, a few shapes and sensor grain."""
    red = Image.linear_gradient("L").rotate(90).resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    draw.ellipse((380, 180, 820, 620), fill=(235, 185, 50))
    draw.rectangle((90, 520, 400, 860), fill=(30, 90, 160))
    draw.polygon([(900, 120), (1150, 700), (760, 700)], fill=(200, 40, 70))
    grain = Image.effect_noise(size, 40).convert("RGB")
    out = io.BytesIO()
    Image.blend(image, grain, 0.1).save(out, "PNG")
    return out.getvalue()


def card(page: Page, preset: str) -> Locator:
    return page.locator(f'[data-testid="output-card"][data-preset="{preset}"]')


async def upload_through_the_page(page: Page, path: Path) -> str:
    async with page.expect_file_chooser() as chooser:
        await page.get_by_role("button", name="Upload a file").click()
    await (await chooser.value).set_files(path)
    picked = page.get_by_test_id("picked-asset")
    await expect(picked).to_have_text(re.compile(r"^ast_\w{26}$"), timeout=UPLOAD)
    return await picked.inner_text()


def redness(area: Image.Image) -> float:
    red, green, _ = ImageStat.Stat(area).mean
    return float(red - green)


async def rendered(page: Page, preset: str) -> Image.Image:
    """The version's picture as the browser paints it, once its image has decoded."""
    image = card(page, preset).get_by_role("img", name=f"{preset} version")
    await expect(image).to_have_js_property("complete", True)
    assert await image.evaluate("img => img.naturalWidth") > 0
    return await pixels(image)


async def test_a_photo_becomes_three_platform_versions_and_one_zip(
    console: Page, api: httpx.AsyncClient, tmp_path: Path
) -> None:
    page = console
    photo = tmp_path / "campaign.png"
    photo.write_bytes(campaign_photo())
    await page.goto("/console/optimize")
    source = await upload_through_the_page(page, photo)

    for preset in PRESETS:
        await page.get_by_role("checkbox", name=preset, exact=True).check()
    await expect(page.get_by_test_id("cost-chip").first).to_contain_text("credit")
    await page.get_by_role("button", name="Optimize for 3 formats").click()
    await expect(page.get_by_test_id("job-status")).to_have_attribute(
        "data-status", "completed", timeout=RUN
    )
    await expect(page.get_by_test_id("output-card")).to_have_count(3)

    (job,) = (await api.get("/v1/jobs")).json()["items"]
    assert job["params"]["asset_id"] == source
    listed = (await api.get("/v1/assets", params={"job_id": job["id"], "role": "output"})).json()
    outputs = {asset["preset"]: asset for asset in listed["items"]}
    assert set(outputs) == set(PRESETS)

    for preset, asset in outputs.items():
        shown = card(page, preset)
        assert is_picture(await rendered(page, preset)), f"{preset} does not render"
        await expect(shown.get_by_test_id("output-bytes")).to_have_attribute(
            "data-bytes", str(asset["bytes"])
        )
        await expect(shown).to_contain_text(f"{asset['width']}×{asset['height']}")
        for check in asset["report"]["checks"]:
            await expect(shown).to_contain_text(check["message"])
        overlays = 1 if preset in WITH_OVERLAYS else 0
        await expect(shown.get_by_test_id("safe-zone")).to_have_count(overlays)
        hint = asset["report"]["engagement_hint"]
        shown_hint = shown.get_by_test_id("engagement-hint")
        await expect(shown_hint).to_have_attribute("data-score", str(hint["score"]))
        await expect(shown_hint.locator("[data-component]")).to_have_count(5)
        for part in hint["components"]:
            await expect(shown_hint).to_contain_text(part["why"])

    with_zone = await rendered(page, "ig.story")
    await page.get_by_label("Show safe zones").uncheck()
    await expect(card(page, "ig.story").get_by_test_id("safe-zone")).to_have_count(0)
    without_zone = await rendered(page, "ig.story")
    top_band = (0, 0, with_zone.width, with_zone.height // 10)  # under the story's top bar
    assert with_zone.crop(top_band).tobytes() != without_zone.crop(top_band).tobytes()
    assert redness(with_zone.crop(top_band)) > redness(without_zone.crop(top_band)) + 20, (
        "the band the story's UI covers is tinted red"
    )
    await page.get_by_label("Show safe zones").check()

    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "optimize")

    async with page.expect_download() as one:
        await card(page, "x.header").get_by_role("button", name="Download x.header.jpg").click()
    single = await one.value
    assert single.suggested_filename == "x.header.jpg"
    saved = await asyncio.to_thread((await single.path()).read_bytes)
    assert len(saved) == outputs["x.header"]["bytes"]

    async with page.expect_download() as everything:
        await page.get_by_role("button", name="Download all (zip)").click()
    download = await everything.value
    assert download.suggested_filename == f"{job['id']}.zip"
    archive = zipfile.ZipFile(await download.path())
    manifest = json.loads(archive.read("manifest.json"))
    made = [entry for entry in manifest["files"] if entry["role"] == "output"]
    assert sorted(entry["preset"] for entry in made) == sorted(PRESETS)
    for entry in made:
        assert entry["file"] == f"{PRESETS[entry['preset']]}/{entry['preset']}.jpg"
        assert archive.getinfo(entry["file"]).file_size == outputs[entry["preset"]]["bytes"]
    previews = {e["preset"] for e in manifest["files"] if e["role"] == "safe_zone_preview"}
    assert previews == WITH_OVERLAYS
    assert set(archive.namelist()) == {e["file"] for e in manifest["files"]} | {
        "manifest.json",
        "manifest.csv",
    }

    await page.set_viewport_size(PHONE)
    box = await card(page, "ig.story").bounding_box()
    assert box is not None
    assert box["width"] <= PHONE["width"]
    assert is_picture(await rendered(page, "ig.story"))


async def test_a_refused_source_shows_the_apis_message(
    console: Page, api: httpx.AsyncClient
) -> None:
    page = console
    await page.goto(f"/console/optimize?asset=ast_{'0' * 26}")
    await page.get_by_role("checkbox", name="ig.story", exact=True).check()
    await page.get_by_role("button", name="Optimize for 1 format").click()
    refusal = page.get_by_test_id("api-error")
    await expect(refusal).to_have_attribute("data-code", "invalid_params")
    await expect(refusal).to_contain_text("params.asset_id")
    assert (await api.get("/v1/jobs")).json()["items"] == []
