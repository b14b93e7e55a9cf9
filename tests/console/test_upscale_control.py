"""The Upscale and Control studios: an image uploaded through the page upscaled by the server's
`auto` with the web preset, its choice explained, compared before and after; a sketch made into
an image by the (emulated) provider."""

import re

import httpx
from playwright.async_api import Locator, Page, expect

from tests.support.console import (
    PHONE,
    axe_violations,
    describe,
    fits_the_phone,
    is_picture,
    pixels,
    save_screenshot,
)
from tests.support.edit_jobs import png, upload
from tests.support.photos import astronaut, jpeg


async def natural_size(image: Locator) -> tuple[int, int]:
    await image.evaluate("img => img.decode()")
    width, height = await image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    return int(width), int(height)


async def test_an_auto_upscale_is_explained_and_compared_before_and_after(console: Page) -> None:
    page = console
    await page.goto("/console/upscale")
    small = jpeg(astronaut().resize((128, 96)))
    picker = page.get_by_role("group", name="Image to upscale")
    await picker.locator("input[type=file]").set_input_files(
        {"name": "small.jpg", "mimeType": "image/jpeg", "buffer": small}
    )
    await expect(page.get_by_test_id("picked-asset")).to_have_text(re.compile(r"^ast_"))
    await page.get_by_text("Web", exact=True).click()
    await expect(page.get_by_test_id("estimate")).to_contain_text("runs on local")

    await page.get_by_role("button", name="Upscale (auto)").click()
    await expect(page.get_by_test_id("job-status")).to_have_attribute(
        "data-status", "completed", timeout=30_000
    )
    await expect(page.get_by_test_id("auto-choice")).to_contain_text(
        "Auto chose fast (2048×1536): preset web runs fast"
    )
    compare = page.get_by_test_id("compare")
    before = compare.get_by_role("img", name=re.compile(r"^Before"))
    after = compare.get_by_role("img", name=re.compile(r"^After"))
    assert await natural_size(before) == (128, 96)
    assert await natural_size(after) == (2048, 1536)
    assert is_picture(await pixels(before))
    assert is_picture(await pixels(after))

    divider = compare.get_by_role("slider")
    await divider.focus()
    await page.keyboard.press("Home")
    await expect(divider).to_have_attribute("aria-valuenow", "0")
    assert await after.evaluate("img => img.style.clipPath") == "inset(0px 0px 0px 0%)"
    await page.keyboard.press("End")
    await expect(divider).to_have_attribute("aria-valuenow", "100")
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "upscale")

    await page.set_viewport_size(PHONE)
    await expect(compare).to_be_visible()
    await fits_the_phone(page)


async def test_a_sketch_becomes_an_image(console: Page, api: httpx.AsyncClient) -> None:
    sketch = await upload(api, png(astronaut().resize((256, 256))))
    page = console
    await page.goto(f"/console/control?asset={sketch}")
    await page.get_by_role("textbox", name="Prompt", exact=True).fill(
        "an oil painting of an astronaut"
    )
    await expect(page.get_by_test_id("estimate")).to_contain_text("runs on stability")

    await page.get_by_role("button", name="Make it (sketch)").click()
    status = page.get_by_test_id("job-status")
    await expect(status).to_have_attribute("data-status", "completed", timeout=30_000)
    await expect(status).to_contain_text("control.sketch")
    result = page.get_by_role("img", name="Result of sketch control")
    made = (await api.get(f"/v1/assets/{await result.get_attribute('data-asset-id')}")).json()
    assert await natural_size(result) == (made["width"], made["height"])
    assert is_picture(await pixels(result))
    assert (made["kind"], made["parent_id"]) == ("control.sketch", sketch)
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "control")

    await page.set_viewport_size(PHONE)
    await expect(result).to_be_visible()
    await fits_the_phone(page)
