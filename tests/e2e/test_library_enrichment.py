"""Ingest enrichment on the real stack: a generated asset gains its image facts, automatic tags
and the emulated vision provider's caption after it is shown; an upload is enriched before it is
answered; a failing vision provider loses only the caption and labels."""

import asyncio
import io
import re
from typing import Any

import httpx
from PIL import Image

from emulator.control import EmulatorControl
from tests.support.client import draft_job, run_job

HEX_COLOR = re.compile(r"^#[0-9a-f]{6}$")
VISION = "huggingface_vision"


async def enriched(api: httpx.AsyncClient, asset_id: str) -> dict[str, Any]:
    """The asset once its analysis is written (`phash` set), polled."""
    asset: dict[str, Any] = {}
    for _ in range(300):
        answer = await api.get(f"/v1/assets/{asset_id}")
        assert answer.status_code == 200, answer.text
        asset = answer.json()
        if asset["phash"] is not None:
            return asset
        await asyncio.sleep(0.1)
    raise AssertionError(f"asset {asset_id} was never enriched: {asset}")


def tags_of(asset: dict[str, Any], source: str) -> set[str]:
    return {tag["tag"] for tag in asset["auto_tags"] if tag["source"] == source}


def red_picture() -> bytes:
    """A 200x100 PNG, red with a blue band over a fifth of it."""
    image = Image.new("RGB", (200, 100), (255, 0, 0))
    image.paste((0, 0, 255), (160, 0, 200, 100))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


async def upload(api: httpx.AsyncClient, data: bytes) -> dict[str, Any]:
    answer = await api.post("/v1/uploads", files={"file": ("red.png", data, "image/png")})
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def test_a_generated_asset_gains_facts_tags_and_a_caption(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    job = await run_job(api, draft_job())  # "a lighthouse on a cliff at dusk", 128x96
    assert job["status"] == "completed", job
    (asset_id,) = job["asset_ids"]
    asset = await enriched(api, asset_id)

    assert re.fullmatch(r"[0-9a-f]{16}", asset["phash"])
    assert asset["color_space"] == "RGB"
    assert asset["orientation"] == "landscape"
    assert 1 <= len(asset["dominant_colors"]) <= 5
    assert all(HEX_COLOR.match(color) for color in asset["dominant_colors"])
    assert asset["color_names"]
    assert tags_of(asset, "prompt") == {"lighthouse", "cliff", "dusk"}
    assert asset["provider"] == "local-draft"
    assert {"local-draft", "draft"} <= tags_of(asset, "generation")
    assert {"landscape", *asset["color_names"]} <= tags_of(asset, "image")

    caption = re.fullmatch(r"a landscape picture in (\w+) tones", asset["caption"] or "")
    assert caption, asset["caption"]
    assert asset["caption_source"] == "huggingface"
    assert tags_of(asset, "vision") == {caption.group(1), "picture frame"}, "low scores left out"
    paths = {call["path"] for call in await emulator.calls(VISION)}
    assert paths == {
        "/huggingface/hf-inference/models/Salesforce/blip-image-captioning-large",
        "/huggingface/hf-inference/models/google/vit-base-patch16-224",
    }


async def test_an_upload_is_answered_enriched(api: httpx.AsyncClient) -> None:
    asset = await upload(api, red_picture())
    assert asset["dominant_colors"] == ["#ff0000", "#0000ff"]
    assert asset["color_names"] == ["red", "blue"]
    assert (asset["has_faces"], asset["has_text"]) == (False, False)
    assert asset["caption"] == "a landscape picture in red tones"
    assert asset["caption_source"] == "huggingface"
    assert tags_of(asset, "image") == {"red", "blue", "landscape"}
    assert tags_of(asset, "vision") == {"red", "picture frame"}
    assert tags_of(asset, "prompt") == tags_of(asset, "generation") == set()
    shown = (await api.get(f"/v1/assets/{asset['id']}")).json()
    assert (shown["phash"], shown["auto_tags"]) == (asset["phash"], asset["auto_tags"])


async def test_a_failing_vision_provider_loses_only_the_caption(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave(VISION, {"status": 503, "times": -1})
    asset = await upload(api, red_picture())
    assert asset["phash"] is not None
    assert asset["color_names"] == ["red", "blue"]
    assert (asset["caption"], asset["caption_source"]) == (None, None)
    assert tags_of(asset, "vision") == set()
    assert tags_of(asset, "image") == {"red", "blue", "landscape"}
    calls = await emulator.calls(VISION)
    assert len(calls) >= 2, "asked for a caption and labels"
    assert {call["status"] for call in calls} == {503}
