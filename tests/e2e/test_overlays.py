"""Text overlays, watermarks, uploaded fonts and brand-kit logos on the real local stack."""

import io
from pathlib import Path
from typing import Any

import httpx
from PIL import Image, ImageChops

from contracts.catalog.fonts import FONT_ROOT
from tests.support.client import run_job
from tests.support.edit_jobs import edit, png, result_of, upload

BRAND_FONT = Path(FONT_ROOT, "truetype/dejavu/DejaVuSans-Bold.ttf").read_bytes()
"""Not a bundled face: it stands for a tenant's own brand font."""
SOURCE = Image.new("RGB", (320, 240), (20, 40, 90))


async def upload_font(api: httpx.AsyncClient, data: bytes, name: str) -> httpx.Response:
    return await api.post("/v1/fonts", files={"file": (name, data)})


def drawn_box(data: bytes) -> tuple[int, int, int, int]:
    after = Image.open(io.BytesIO(data)).convert("RGB")
    box = ImageChops.difference(SOURCE, after).getbbox()
    assert box is not None, "nothing was drawn"
    return box


def refusal(answer: httpx.Response) -> dict[str, Any]:
    assert answer.status_code == 422, answer.text
    return dict(answer.json()["error"])


async def test_a_text_overlay_draws_its_text_inside_its_box(api: httpx.AsyncClient) -> None:
    source = await upload(api, png(SOURCE))
    box = {"x": 40, "y": 150, "width": 240, "height": 60}
    job = await run_job(
        api, edit("edit.text_overlay", source, text="Summer\nSale", box=box, band="#FFCC00")
    )
    asset, data = await result_of(api, job)
    assert (job["provider"], job["model"], job["cost"]["credits"]) == ("local", "raqm-text", 1)
    assert (asset["parent_id"], asset["kind"]) == (source, "edit.text_overlay")
    left, top, right, bottom = drawn_box(data)
    assert (left, top) >= (40, 150)
    assert right <= 280
    assert bottom <= 210


async def test_the_brand_kit_lends_its_logo_and_font(api: httpx.AsyncClient) -> None:
    source = await upload(api, png(SOURCE))
    font = await upload_font(api, BRAND_FONT, "Brand-Bold.ttf")
    assert font.status_code == 201, font.text
    assert (font.json()["content_type"], font.json()["format"]) == ("font/ttf", "ttf")
    logo = Image.new("RGBA", (80, 40), (0, 0, 0, 0))
    logo.paste((255, 255, 255, 255), (0, 0, 80, 40))
    logo_id = await upload(api, png(logo))
    kit = await api.post(
        "/v1/brand-kits",
        json={"name": "Acme", "logo_asset_id": logo_id, "fonts": [font.json()["id"]]},
    )
    assert kit.status_code == 201, kit.text
    kit_id = kit.json()["id"]
    marked = await run_job(api, edit("edit.watermark", source, brand_kit=kit_id, margin=10))
    _, data = await result_of(api, marked)
    assert drawn_box(data) == (262, 206, 310, 230)  # 48x24: 15% of 320 px wide, bottom-right
    assert marked["params"]["logo_asset_id"] == kit.json()["logo_asset_id"]
    text = await run_job(
        api, edit("edit.text_overlay", source, text="Acme", font="brand", brand_kit=kit_id)
    )
    assert text["params"]["font_asset_id"] == font.json()["id"]
    assert drawn_box((await result_of(api, text))[1])


async def test_bad_fonts_and_unknown_font_ids_are_refused(api: httpx.AsyncClient) -> None:
    not_a_font = png(Image.new("RGB", (64, 64)))
    assert refusal(await upload_font(api, not_a_font, "fake.ttf"))["code"] == "invalid_font"
    truncated = BRAND_FONT[:500]
    assert refusal(await upload_font(api, truncated, "cut.ttf"))["code"] == "invalid_font"
    source = await upload(api, png(SOURCE))
    unknown = "ast_" + "0" * 26
    answer = await api.post(
        "/v1/jobs", json=edit("edit.text_overlay", source, text="Hi", font_asset_id=unknown)
    )
    assert refusal(answer)["details"][0]["loc"] == "params.font_asset_id"
    answer = await api.post(
        "/v1/jobs", json=edit("edit.text_overlay", source, text="Hi", font="comic")
    )
    assert refusal(answer)["code"] == "invalid_params"
    kit = await api.post("/v1/brand-kits", json={"name": "x", "fonts": [source]})
    assert refusal(kit)["details"][0] == {
        "loc": "body.fonts.0", "message": "not font", "type": "media_type"
    }  # fmt: skip
    bare = (await api.post("/v1/brand-kits", json={"name": "no logo"})).json()["id"]
    answer = await api.post("/v1/jobs", json=edit("edit.watermark", source, brand_kit=bare))
    assert "has no logo" in refusal(answer)["message"]
