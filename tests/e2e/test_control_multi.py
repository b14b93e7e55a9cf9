"""`control.multi` and the reference library on the real stack: two controls combined by the
local engine (unlike one alone), more than three refused, a provider that cannot refused naming
the one that can; references saved, listed by type, used by id, and a non-reference refused."""

import io
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image, ImageDraw

from tests.support.client import run_job
from tests.support.edit_jobs import png, result_of, upload


def structure() -> Image.Image:
    """Grey shapes with hard edges."""
    canvas = Image.new("RGB", (160, 120), (200, 200, 200))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((20, 20, 80, 90), fill=(60, 60, 60))
    draw.ellipse((90, 30, 150, 100), fill=(120, 120, 120))
    return canvas


def style() -> Image.Image:
    """Warm colours, top to bottom."""
    canvas = Image.new("RGB", (64, 64))
    for y in range(64):
        ImageDraw.Draw(canvas).line((0, y, 63, y), fill=(230, 90 + y, 20))
    return canvas


def multi(*controls: dict[str, Any], **params: Any) -> dict[str, Any]:
    return {
        "kind": "control.multi",
        "params": {"prompt": "a warm poster", "controls": list(controls), **params},
    }


@pytest.fixture
async def images(api: httpx.AsyncClient) -> dict[str, str]:
    return {
        "structure": await upload(api, png(structure())),
        "style": await upload(api, png(style())),
    }


def pixels(content: bytes) -> np.ndarray[Any, Any]:
    return np.asarray(Image.open(io.BytesIO(content)).convert("RGB"), dtype=np.float32)


async def test_two_controls_combine_unlike_one(
    api: httpx.AsyncClient, images: dict[str, str]
) -> None:
    shape = {"type": "structure", "asset_id": images["structure"], "strength": 0.8}
    colour = {"type": "style", "asset_id": images["style"], "strength": 0.9}
    both = await run_job(api, multi(shape, colour))
    alone = await run_job(api, multi(shape))
    asset, combined = await result_of(api, both)
    _, single = await result_of(api, alone)
    assert (both["provider"], both["kind"]) == ("local", "control.multi")
    assert (asset["width"], asset["height"], asset["parent_id"]) == (160, 120, images["structure"])
    warm, grey = pixels(combined), pixels(single)
    assert np.abs(warm - grey).mean() > 20
    red, _, blue = warm.mean(axis=(0, 1))
    assert red > blue + 60  # the style's colours
    assert abs(float(np.corrcoef(warm[..., 0].ravel(), grey[..., 0].ravel())[0, 1])) > 0.5


async def test_four_controls_are_refused(api: httpx.AsyncClient, images: dict[str, str]) -> None:
    control = {"type": "style", "asset_id": images["style"]}
    response = await api.post("/v1/jobs", json=multi(*[control] * 4))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_params"
    assert error["details"][0]["loc"] == "params.controls"


async def test_a_provider_that_cannot_combine_is_refused_naming_who_can(
    api: httpx.AsyncClient, images: dict[str, str]
) -> None:
    control = {"type": "sketch", "asset_id": images["structure"]}
    for extra in ({"provider": "stability"}, {"quality": "standard"}):
        response = await api.post("/v1/jobs", json=multi(control, control, **extra))
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "invalid_params"
        (why,) = [detail["message"] for detail in error["details"]]
        assert "cannot combine controls" in why or "no standard engine combines" in why
        assert "control.multi runs on local (quality `draft`" in why
        assert "always configured" in why


async def test_a_reference_is_saved_listed_and_used_by_id(
    api: httpx.AsyncClient, images: dict[str, str]
) -> None:
    saved = await api.post(
        "/v1/references", json={"asset_id": images["style"], "type": "style", "title": "Warm"}
    )
    assert saved.status_code == 201, saved.text
    assert (saved.json()["type"], saved.json()["asset"]["title"]) == ("style", "Warm")
    assert {"reference", "reference:style"} <= set(saved.json()["asset"]["tags"])
    styles = (await api.get("/v1/references", params={"type": "style"})).json()
    sketches = (await api.get("/v1/references", params={"type": "sketch"})).json()
    assert images["style"] in [item["id"] for item in styles["items"]]
    assert images["style"] not in [item["id"] for item in sketches["items"]]

    shape = {"type": "structure", "asset_id": images["structure"]}
    by_reference = {"type": "style", "reference_id": images["style"], "strength": 0.9}
    job = await run_job(api, multi(shape, by_reference))
    _, content = await result_of(api, job)
    red, _, blue = pixels(content).mean(axis=(0, 1))
    assert red > blue + 60

    removed = await api.delete(f"/v1/references/{images['style']}")
    assert removed.status_code == 204
    after = (await api.get("/v1/references", params={"type": "style"})).json()
    assert images["style"] not in [item["id"] for item in after["items"]]


async def test_a_non_reference_id_is_refused_with_its_code(
    api: httpx.AsyncClient, images: dict[str, str]
) -> None:
    not_saved = {"type": "structure", "reference_id": images["structure"]}
    response = await api.post("/v1/jobs", json=multi(not_saved))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "not_a_reference"
    assert error["details"][0]["loc"] == "params.controls.0.reference_id"

    missing = {"type": "style", "reference_id": "ast_" + "0" * 26}
    response = await api.post("/v1/jobs", json=multi(missing))
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid_params")
    assert response.json()["error"]["details"][0]["loc"] == "params.controls.0.reference_id"
    unknown = await api.post(
        "/v1/references", json={"asset_id": "ast_" + "0" * 26, "type": "style"}
    )
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "not_found")
    wrong_type = await api.get("/v1/references", params={"type": "colour"})
    assert wrong_type.status_code == 422
