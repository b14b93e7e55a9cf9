"""A batch watermarked with its brand kit's logo, on the real local stack: each generated image
gets a follow-up `edit.watermark` job in the batch, priced up front, and the batch's results
(archive, collection) are the watermarked images."""

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import httpx
from PIL import Image, ImageChops

from studio import Studio
from studio.models import BatchWatermark
from tests.support.batches import draft_jobs, settled, until_done
from tests.support.client import authed, download
from tests.support.edit_jobs import png, upload
from tests.support.stack import RunningStack

LOGO = Image.new("RGBA", (40, 20), (255, 0, 255, 255))
MARK = {"corner": "bottom-right", "opacity": 1.0, "margin": 4, "scale": 0.5}
LOGO_BOX = (28, 44, 60, 60)
"""A 64 px image's logo: 32 × 16 (half its width), 4 px in from the bottom-right corner."""


async def brand_kit(api: httpx.AsyncClient, logo: bool = True) -> str:
    body: dict[str, Any] = {"name": "Acme"}
    if logo:
        body["logo_asset_id"] = await upload(api, png(LOGO), "logo.png")
    answer = await api.post("/v1/brand-kits", json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


async def image_of(api: httpx.AsyncClient, asset_id: str) -> Image.Image:
    content = await api.get(f"/v1/assets/{asset_id}/content")
    return Image.open(io.BytesIO(await download(content.headers["location"]))).convert("RGB")


def changed_box(before: Image.Image, after: Image.Image) -> tuple[int, int, int, int] | None:
    """Where the two differ by more than encoding noise."""
    difference = ImageChops.difference(before, after).convert("L")
    return difference.point(lambda value: 255 if value > 40 else 0).getbbox()


async def test_a_watermarked_batch_delivers_stamped_images(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=1000)) as api:
        kit = await brand_kit(api)
        folder = (await api.post("/v1/collections", json={"name": "stamped"})).json()["id"]
        body = {
            "jobs": draft_jobs(2),
            "collection_id": folder,
            "watermark": {"brand_kit": kit, **MARK},
        }
        answer = await api.post("/v1/batches", json=body)
        assert answer.status_code == 202, answer.text
        batch = answer.json()
        assert (batch["jobs"], batch["estimate_credits"]) == (2, 4), "2 images + 2 watermarks"
        assert batch["watermark"] == {"brand_kit": kit, **MARK}

        done = await until_done(api, batch["id"])
        assert (done["jobs"], done["counts"]["completed"], done["cost"]["credits"]) == (4, 4, 4)
        assert (await settled(api))["balance"] == 1000 - 4

        listed = (await api.get(f"/v1/batches/{batch['id']}/jobs")).json()["items"]
        made = {a for j in listed if j["kind"] == "generate" for a in j["asset_ids"]}
        stamps = [j for j in listed if j["kind"] == "edit.watermark"]
        assert {j["params"]["asset_id"] for j in stamps} == made
        stamped = {j["asset_ids"][0] for j in stamps}
        for job in stamps:
            original = await image_of(api, job["params"]["asset_id"])
            marked = await image_of(api, job["asset_ids"][0])
            assert changed_box(original, marked) == LOGO_BOX
            assert marked.getpixel((44, 52)) == (255, 0, 255)

        archive = await api.get(f"/v1/batches/{batch['id']}/archive")
        manifest = json.loads(zipfile.ZipFile(io.BytesIO(archive.content)).read("manifest.json"))
        assert {row["asset_id"] for row in manifest["files"]} == stamped
        assert manifest["pending"] == []
        filed = (await api.get(f"/v1/collections/{folder}/assets")).json()["items"]
        assert {asset["id"] for asset in filed} == stamped


async def test_a_watermark_needs_a_brand_kit_with_a_logo(
    stack: RunningStack, tmp_path: Path
) -> None:
    key = await stack.tenant(plan="pro", credits=1000)
    async with authed(stack.url, key) as api:
        bare = await brand_kit(api, logo=False)
        for kit, why in ((bare, "has no logo"), ("bk_nothere", "no brand kit")):
            body = {"jobs": draft_jobs(1), "watermark": {"brand_kit": kit}}
            answer = await api.post("/v1/batches", json=body)
            assert answer.status_code == 422, answer.text
            error = answer.json()["error"]
            assert (error["code"], error["details"][0]["loc"]) == (
                "invalid_batch", "watermark.brand_kit"
            )  # fmt: skip
            assert why in error["message"]
        assert (await api.get("/v1/batches")).json()["items"] == [], "nothing created"

        kit = await brand_kit(api)
        dry = {"jobs": draft_jobs(3), "watermark": {"brand_kit": kit}, "dry_run": True}
        check = (await api.post("/v1/batches", json=dry)).json()
        kinds = [item["kind"] for item in check["estimate"]["items"]]
        assert kinds == ["generate"] * 3 + ["edit.watermark"] * 3
        assert check["estimate"]["credits"] == 6

    campaign = tmp_path / "campaign.jsonl"
    campaign.write_text(json.dumps(draft_jobs(1)[0]) + "\n")
    with Studio(stack.url, key) as studio:  # the SDK sends the file's watermark as a form field
        uploaded = studio.batches.upload(campaign, watermark=BatchWatermark(brand_kit=kit))
    assert uploaded.watermark is not None
    assert (uploaded.watermark.brand_kit, uploaded.estimate_credits) == (kit, 2)
