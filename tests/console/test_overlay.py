"""The Edit studio's overlay editor: typed text shows at once in the browser's preview, and the
job renders it into a new version of the image."""

import io

import httpx
from PIL import Image, ImageChops, ImageStat
from playwright.async_api import Page, expect

from tests.support.client import download
from tests.support.console import axe_violations, describe, pixels
from tests.support.edit_jobs import png, upload

SOURCE = Image.new("RGB", (320, 240), (20, 40, 90))


INKED = """() => {
  const canvas = document.querySelector("[data-testid=overlay-preview]");
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  return data.some((value) => value > 0);
}"""
"""The preview's canvas has drawn something (it holds the text only, over the image)."""


def changed(before: Image.Image, after: Image.Image) -> float:
    """The mean per-pixel difference of two same-sized images."""
    return sum(ImageStat.Stat(ImageChops.difference(before, after)).mean)


async def test_typed_text_is_previewed_then_rendered(console: Page, api: httpx.AsyncClient) -> None:
    source = await upload(api, png(SOURCE))
    page = console
    await page.goto(f"/console/edit?asset={source}")
    await page.get_by_role("combobox", name="Edit").click()
    await page.get_by_role("option", name="Text overlay").click()
    preview = page.get_by_test_id("overlay-preview")
    await expect(preview).to_be_visible()
    before = await pixels(preview)
    await page.get_by_role("textbox", name="Text", exact=True).fill("Big\nSale")
    await page.wait_for_function(INKED)
    assert changed(before, await pixels(preview)) > 1, "the preview draws the text"
    assert not (violations := await axe_violations(page)), describe(violations)

    await page.get_by_role("button", name="Apply: Text overlay").click()
    status = page.get_by_test_id("job-status")
    await expect(status).to_have_attribute("data-status", "completed", timeout=30_000)
    working = page.get_by_test_id("working-image")
    await expect(working).not_to_have_attribute("data-asset-id", source)
    made = await working.get_attribute("data-asset-id")
    content = await api.get(f"/v1/assets/{made}/content")
    result = Image.open(io.BytesIO(await download(content.headers["location"]))).convert("RGB")
    box = ImageChops.difference(SOURCE, result).getbbox()
    assert box is not None, "the job drew the text"
    assert box[1] > 120, "at the bottom, where the preview put it"
