"""The Control studio's several controls: a structure and a style uploaded through the page,
the style saved as a reference and picked back from the library, combined by the local engine
into an image of the structure's size in the style's colours."""

import re

import httpx
import numpy as np
from PIL import Image, ImageDraw
from playwright.async_api import Page, expect

from tests.support.console import axe_violations, describe, is_picture, pixels
from tests.support.edit_jobs import png


def shapes() -> bytes:
    canvas = Image.new("RGB", (200, 150), (210, 210, 210))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((20, 20, 90, 120), fill=(50, 50, 50))
    draw.ellipse((110, 30, 180, 110), fill=(120, 120, 120))
    return png(canvas)


def warm() -> bytes:
    return png(Image.new("RGB", (64, 64), (235, 110, 30)))


async def upload_into(page: Page, group: str, name: str, data: bytes) -> str:
    picker = page.get_by_role("group", name=group, exact=True)
    await picker.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "image/png", "buffer": data}
    )
    picked = picker.get_by_test_id("picked-asset")
    await expect(picked).to_have_text(re.compile(r"^ast_"), timeout=15_000)
    return await picked.inner_text()


async def test_two_controls_one_a_saved_reference_make_an_image(
    console: Page, api: httpx.AsyncClient
) -> None:
    page = console
    await page.goto("/console/control")
    await page.get_by_text("Several controls").click()
    await page.get_by_role("textbox", name="Prompt").fill("a warm poster of two shapes")
    await upload_into(page, "Control 1 image", "shapes.png", shapes())
    await page.get_by_role("button", name="Add a control").click()
    style_id = await upload_into(page, "Control 2 image", "warm.png", warm())

    await page.get_by_role("button", name="Save as style reference").click()
    await expect(page.get_by_text("Saved as a style reference.")).to_be_visible()
    await page.get_by_role("combobox", name="Saved style reference").click()
    await page.get_by_role("option", name=style_id).click()
    await expect(page.get_by_text("runs on local")).to_be_visible()

    await page.get_by_role("button", name="Combine the controls").click()
    status = page.get_by_test_id("job-status")
    await expect(status).to_have_attribute("data-status", "completed", timeout=30_000)
    result = page.get_by_role("img", name="Result of combined controls")
    image = await pixels(result)
    assert is_picture(image)
    red, _, blue = np.asarray(image.convert("RGB"), dtype=np.float32).mean(axis=(0, 1))
    assert red > blue + 60
    made = (await api.get(f"/v1/assets/{await result.get_attribute('data-asset-id')}")).json()
    assert (made["kind"], made["width"], made["height"]) == ("control.multi", 200, 150)
    assert made["params"]["controls"][1] == {
        "type": "style",
        "asset_id": None,
        "reference_id": style_id,
        "strength": 0.7,
    }
    assert not (violations := await axe_violations(page)), describe(violations)
