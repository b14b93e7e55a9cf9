"""Helpers of the editing end-to-end tests: upload a picture, ask an edit, read its result."""

import io
from typing import Any

import httpx
from PIL import Image, ImageDraw

from tests.support.client import download


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


async def upload(api: httpx.AsyncClient, data: bytes, name: str = "source.png") -> str:
    response = await api.post("/v1/uploads", files={"file": (name, data)})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def result_of(api: httpx.AsyncClient, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """The job's one output asset and its bytes."""
    assert job["status"] == "completed", job
    (asset_id,) = job["asset_ids"]
    asset = (await api.get(f"/v1/assets/{asset_id}")).json()
    content = await api.get(f"/v1/assets/{asset_id}/content")
    return asset, await download(content.headers["location"])


def edit(kind: str, asset_id: str, **params: Any) -> dict[str, Any]:
    return {"kind": kind, "params": {"asset_id": asset_id, **params}}


def subject_on_plain(size: tuple[int, int] = (256, 192)) -> Image.Image:
    canvas = Image.new("RGB", size, (236, 238, 240))
    ImageDraw.Draw(canvas).ellipse((80, 40, 190, 150), fill=(170, 40, 30))
    return canvas
