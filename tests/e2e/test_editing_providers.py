"""Edit, upscale and control jobs through the emulated providers: every provider kind through
Stability, an asynchronous upscale, a failed provider job, and instruct on Gemini."""

import io
from typing import Any

import httpx
import pytest
from PIL import Image, ImageDraw

from emulator.control import EmulatorControl
from tests.support.client import run_job, settled_balance
from tests.support.edit_jobs import edit, png, result_of, subject_on_plain, upload
from tests.support.photos import astronaut


@pytest.fixture(scope="module")
def photo_png() -> bytes:
    return png(astronaut().resize((256, 256)))


PROVIDER_KINDS: list[tuple[str, dict[str, Any], str, tuple[int, int] | None]] = [
    ("edit.erase", {"mask": True}, "edit/erase", (256, 256)),
    ("edit.inpaint", {"mask": True, "prompt": "a red scarf"}, "edit/inpaint", (256, 256)),
    ("edit.outpaint", {"left": 64, "down": 32}, "edit/outpaint", (320, 288)),
    (
        "edit.search_replace",
        {"prompt": "a golden helmet", "search_prompt": "helmet"},
        "edit/search-and-replace",
        (256, 256),
    ),
    (
        "edit.search_recolor",
        {"prompt": "teal", "select_prompt": "the suit"},
        "edit/search-and-recolor",
        (256, 256),
    ),
    ("edit.remove_background", {}, "edit/remove-background", (256, 256)),
    (
        "edit.replace_background",
        {"background_prompt": "a beach at sunset", "light_source_direction": "left"},
        "edit/replace-background-and-relight",
        None,
    ),
    ("upscale.fast", {}, "upscale/fast", (1024, 1024)),
    ("upscale.conservative", {"prompt": "an astronaut"}, "upscale/conservative", None),
    ("upscale.creative", {"prompt": "an astronaut", "creativity": 0.2}, "upscale/creative", None),
    (
        "control.sketch",
        {"prompt": "an oil painting", "control_strength": 0.5},
        "control/sketch",
        None,
    ),
    ("control.structure", {"prompt": "a statue"}, "control/structure", (256, 256)),
    ("control.style", {"prompt": "a cat", "aspect_ratio": "16:9"}, "control/style", None),
    ("control.style_transfer", {"style": True}, "control/style-transfer", None),
]


@pytest.mark.parametrize(("kind", "extra", "path", "size"), PROVIDER_KINDS)
async def test_every_provider_kind_runs_through_stability(
    api: httpx.AsyncClient,
    emulator: EmulatorControl,
    photo_png: bytes,
    kind: str,
    extra: dict[str, Any],
    path: str,
    size: tuple[int, int] | None,
) -> None:
    source = await upload(api, photo_png)
    params = dict(extra)
    if params.pop("mask", False):
        mask = Image.new("L", (256, 256))
        ImageDraw.Draw(mask).rectangle((100, 100, 140, 140), fill=255)
        params["mask_id"] = await upload(api, png(mask))
    if params.pop("style", False):
        params["style_asset_id"] = await upload(api, png(subject_on_plain()))
    job = await run_job(api, edit(kind, source, **params))
    asset, data = await result_of(api, job)
    assert job["provider"] == "stability"
    assert asset["parent_id"] == source
    calls = [c["path"] for c in await emulator.calls("stability")]
    assert f"/stability/v2beta/stable-image/{path}" in calls
    if size is not None:
        assert (asset["width"], asset["height"]) == size
        assert Image.open(io.BytesIO(data)).size == size


async def test_asynchronous_upscale_polls_for_its_result(
    api: httpx.AsyncClient, emulator: EmulatorControl, photo_png: bytes
) -> None:
    await emulator.behave("stability", latency_s=0.5)
    source = await upload(api, photo_png)
    job = await run_job(api, edit("upscale.creative", source, prompt="an astronaut"))
    assert job["status"] == "completed", job
    polls = [c for c in await emulator.calls("stability") if "/v2beta/results/" in c["path"]]
    assert len(polls) >= 2, "the result was polled until it was ready"
    assert {c["status"] for c in polls} >= {202, 200}


async def test_a_failed_provider_job_ends_failed_with_its_reason_and_costs_nothing(
    api: httpx.AsyncClient, emulator: EmulatorControl, photo_png: bytes
) -> None:
    source = await upload(api, photo_png)
    before = await settled_balance(api)
    await emulator.behave("stability", {"kind": "async_fail", "message": "relight model crashed"})
    job = await run_job(
        api, edit("edit.replace_background", source, background_prompt="a snowy forest")
    )
    assert job["status"] == "failed", job
    assert "relight model crashed" in job["error"]["message"]
    assert await settled_balance(api) == before


async def test_instruct_runs_on_gemini(
    api: httpx.AsyncClient, emulator: EmulatorControl, photo_png: bytes
) -> None:
    source = await upload(api, photo_png)
    job = await run_job(api, edit("edit.instruct", source, instruction="make the sky dramatic"))
    asset, _ = await result_of(api, job)
    assert (job["provider"], job["model"]) == ("google", "gemini-2.5-flash-image")
    assert asset["prompt"] == "make the sky dramatic"
    (call,) = await emulator.calls("google")
    assert call["path"].endswith("gemini-2.5-flash-image:generateContent")
