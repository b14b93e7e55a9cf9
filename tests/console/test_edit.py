"""The Edit studio: a mask painted with the mouse becomes the erase's mask, the local engine
makes a new version, and reverting adds a version with the original's pixels (the new working
image)."""

import io
import re

import httpx
from PIL import Image
from playwright.async_api import FloatRect, Page, expect

from tests.support.client import download
from tests.support.console import PHONE, axe_violations, describe, fits_the_phone, save_screenshot
from tests.support.edit_jobs import png, subject_on_plain, upload

SIZE = (256, 192)


async def drag(
    page: Page, box: FloatRect, start: tuple[float, float], end: tuple[float, float]
) -> None:
    """A mouse drag between two points given as fractions of the box."""
    await page.mouse.move(box["x"] + box["width"] * start[0], box["y"] + box["height"] * start[1])
    await page.mouse.down()
    await page.mouse.move(
        box["x"] + box["width"] * end[0], box["y"] + box["height"] * end[1], steps=8
    )
    await page.mouse.up()


async def mask_of_latest_erase(api: httpx.AsyncClient) -> Image.Image:
    jobs = (await api.get("/v1/jobs")).json()["items"]
    erase = next(job for job in jobs if job["kind"] == "edit.erase")
    content = await api.get(f"/v1/assets/{erase['params']['mask_id']}/content")
    return Image.open(io.BytesIO(await download(content.headers["location"]))).convert("L")


async def pixels_of(api: httpx.AsyncClient, asset_id: str) -> bytes:
    content = await api.get(f"/v1/assets/{asset_id}/content", params={"preview": "true"})
    return Image.open(io.BytesIO(await download(content.headers["location"]))).tobytes()


async def test_a_painted_mask_erases_locally_and_the_original_comes_back(
    console: Page, api: httpx.AsyncClient
) -> None:
    original = await upload(api, png(subject_on_plain(SIZE)))
    page = console
    await page.goto(f"/console/edit?asset={original}")
    canvas = page.get_by_test_id("mask-canvas")
    await expect(canvas).to_be_visible()
    box = await canvas.bounding_box()
    assert box is not None
    await drag(page, box, (0.45, 0.5), (0.55, 0.5))
    await expect(page.get_by_test_id("estimate")).to_contain_text("runs on local")

    await page.get_by_role("button", name="Apply: Erase").click()
    status = page.get_by_test_id("job-status")
    await expect(status).to_have_attribute("data-status", "completed", timeout=30_000)
    await expect(status).to_contain_text("by local")
    versions = page.get_by_test_id("versions").get_by_role("listitem")
    await expect(versions).to_have_count(2)
    erased = await versions.nth(1).get_attribute("data-asset-id")
    assert erased
    assert erased != original
    working = page.get_by_test_id("working-image")
    await expect(working).to_have_attribute("data-asset-id", erased)
    await expect(versions.nth(1)).to_have_attribute("aria-current", "true")
    assert (await api.get(f"/v1/assets/{erased}")).json()["parent_id"] == original

    mask = await mask_of_latest_erase(api)
    assert mask.size == SIZE, "the mask has the image's pixel size"
    assert mask.getpixel((128, 96)) == 255, "white where the mouse painted"
    assert mask.getpixel((10, 10)) == 0, "black elsewhere"
    assert mask.getpixel((128, 20)) == 0, "black elsewhere"
    assert not (violations := await axe_violations(page)), describe(violations)

    await versions.nth(0).get_by_role("button", name=re.compile(r"^Revert to this version")).click()
    await expect(versions).to_have_count(3)
    reverted = await versions.nth(2).get_attribute("data-asset-id")
    assert reverted
    assert reverted not in (original, erased)
    await expect(working).to_have_attribute("data-asset-id", reverted)
    await expect(page).to_have_url(re.compile(rf"asset={reverted}"))
    await expect(versions.nth(2)).to_have_attribute("aria-current", "true")
    await expect(versions.nth(2)).to_contain_text("Revert")
    assert (await api.get(f"/v1/assets/{reverted}")).json()["parent_id"] == erased
    assert await pixels_of(api, reverted) == await pixels_of(api, original)
    await save_screenshot(page, "edit")

    await page.set_viewport_size(PHONE)
    await expect(canvas).to_be_visible()
    await fits_the_phone(page)


async def test_outpaint_sides_follow_the_dragged_edges(
    console: Page, api: httpx.AsyncClient
) -> None:
    source = await upload(api, png(subject_on_plain(SIZE)))
    page = console
    await page.goto(f"/console/edit?asset={source}")
    await page.get_by_role("combobox", name="Edit").click()
    await page.get_by_role("option", name="Outpaint").click()
    right = page.get_by_role("textbox", name="Right (px)")
    await expect(right).to_have_value("0")

    handle = page.get_by_test_id("outpaint-handle-right")
    box = await handle.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + 60, y, steps=6)
    await page.mouse.up()
    dragged = int(await right.input_value())
    assert dragged > 0, "dragging the right edge out extends the canvas to the right"
    await expect(page.get_by_text(f"New canvas {SIZE[0] + dragged}×{SIZE[1]} px")).to_be_visible()

    frame = page.get_by_test_id("outpaint-frame")
    before = await frame.bounding_box()
    await page.get_by_role("textbox", name="Up (px)").fill("32")
    await expect(
        page.get_by_text(f"New canvas {SIZE[0] + dragged}×{SIZE[1] + 32} px")
    ).to_be_visible()
    after = await frame.bounding_box()
    assert before
    assert after
    assert after["height"] > before["height"], "the frame grows upwards"
    assert not (violations := await axe_violations(page)), describe(violations)


async def test_the_mask_can_be_painted_from_the_keyboard(
    console: Page, api: httpx.AsyncClient
) -> None:
    source = await upload(api, png(subject_on_plain(SIZE)))
    page = console
    await page.goto(f"/console/edit?asset={source}")
    apply = page.get_by_role("button", name="Apply: Erase")
    await apply.click()
    await expect(page.get_by_role("alert").filter(has_text="No mask yet")).to_be_visible()

    await page.get_by_role("img", name=re.compile(r"^Mask:")).focus()
    await page.keyboard.press("Space")
    for _ in range(2):
        await page.keyboard.press("Shift+ArrowRight")
    await apply.click()
    status = page.get_by_test_id("job-status")
    await expect(status).to_have_attribute("data-status", "completed", timeout=30_000)
    mask = await mask_of_latest_erase(api)
    assert mask.getpixel((SIZE[0] // 2, SIZE[1] // 2)) == 255, "painted where the brush started"
    assert mask.getpixel((SIZE[0] // 2 + 20, SIZE[1] // 2)) == 255, "and along where it moved"
    assert mask.getpixel((10, 10)) == 0
