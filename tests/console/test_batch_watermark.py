"""The batch form's watermark: off until a brand kit has a logo, then priced in the dry run (a
watermark job per image) and run with the batch, whose images come out stamped."""

import io
import json
from pathlib import Path

import httpx
from PIL import Image, ImageChops
from playwright.async_api import Page, expect

from tests.support.client import download
from tests.support.console import axe_violations, describe
from tests.support.edit_jobs import png, upload

DRAFT = {"quality": "draft", "width": 64, "height": 64}
TEMPLATE = {"kind": "generate", "params": {"prompt": "{product} on marble", **DRAFT}}
LIVE = 60_000


async def image_of(api: httpx.AsyncClient, asset_id: str) -> Image.Image:
    content = await api.get(f"/v1/assets/{asset_id}/content")
    return Image.open(io.BytesIO(await download(content.headers["location"]))).convert("RGB")


async def test_a_campaign_is_watermarked_with_the_brand_kits_logo(
    console: Page, api: httpx.AsyncClient, tmp_path: Path
) -> None:
    page = console
    await page.goto("/console/batches")
    stamp = page.get_by_label("Watermark every image with a brand kit's logo")
    await expect(stamp).to_be_disabled()  # no brand kit has a logo yet

    logo = await upload(api, png(Image.new("RGB", (40, 20), (255, 0, 255))), "logo.png")
    kit = await api.post("/v1/brand-kits", json={"name": "Acme", "logo_asset_id": logo})
    assert kit.status_code == 201, kit.text
    path = tmp_path / "campaign.csv"
    path.write_text("product\nwatch\nbag\n")
    await page.reload()
    await page.locator("input[type=file]").set_input_files(path)
    await page.get_by_label("Job template").fill(json.dumps(TEMPLATE))
    await stamp.check()
    kits = page.get_by_role("combobox", name="Brand kit of the watermark")
    await expect(kits).to_have_value("Acme")
    await page.get_by_role("button", name="Check and estimate").click()
    await expect(page.get_by_test_id("estimate-credits")).to_have_text("4")  # 2 images + 2 marks
    assert not (violations := await axe_violations(page)), describe(violations)

    await page.get_by_role("button", name="Submit 2 jobs").click()
    await expect(page.get_by_test_id("batch-progress")).to_have_attribute(
        "data-status", "completed", timeout=LIVE
    )
    (batch,) = (await api.get("/v1/batches")).json()["items"]
    assert batch["watermark"]["brand_kit"] == kit.json()["id"]
    assert (batch["jobs"], batch["counts"]["completed"]) == (4, 4)
    jobs = (await api.get(f"/v1/batches/{batch['id']}/jobs")).json()["items"]
    stamped = [job for job in jobs if job["kind"] == "edit.watermark"]
    assert len(stamped) == 2
    original = await image_of(api, stamped[0]["params"]["asset_id"])
    marked = await image_of(api, stamped[0]["asset_ids"][0])
    changed = ImageChops.difference(original, marked).getbbox()
    assert changed is not None
    assert changed[0] >= 30
    assert changed[1] >= 35, "the logo, 10 × 5 px inside the 24 px margin, bottom right"
