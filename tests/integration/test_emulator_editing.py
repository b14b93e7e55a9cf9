"""The emulator's Stability edit, upscale and control endpoints (sync and async) and Gemini image
editing, served in process: answer geometry, the spec's validation, and the async result flow."""

import asyncio
import base64
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from PIL import Image

from emulator import KEYS
from emulator.app import create_app

STABILITY = "/stability/v2beta/stable-image"
AUTH = {"authorization": f"Bearer {KEYS['stability']}"}
IMAGE = AUTH | {"accept": "image/*"}
"""Sync calls: httpx's default `*/*` is not one of the spec's `accept` values."""
GEMINI = "/google/v1beta/models/gemini-2.5-flash-image:generateContent"


@pytest.fixture
async def emulator() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        await behave(client, latency_s=0)
        yield client


async def behave(client: httpx.AsyncClient, *faults: dict[str, Any], latency_s: float) -> None:
    body = {"latency_s": latency_s, "faults": list(faults)}
    (await client.put("/_emulator/stability", json=body)).raise_for_status()


def picture(width: int, height: int, fmt: str = "PNG") -> bytes:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


async def post(
    client: httpx.AsyncClient, path: str, files: dict[str, bytes], **fields: str
) -> httpx.Response:
    parts = {name: (f"{name}.png", data, "image/png") for name, data in files.items()}
    return await client.post(f"{STABILITY}/{path}", files=parts, data=fields, headers=IMAGE)


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize(
    ("path", "files", "fields", "size"),
    [
        ("edit/erase", {"image": (640, 480)}, {"grow_mask": "20", "seed": "42"}, (640, 480)),
        ("edit/inpaint", {"image": (640, 480), "mask": (64, 64)}, {"prompt": "a cat"}, (640, 480)),
        ("edit/outpaint", {"image": (512, 384)}, {"left": "100", "down": "50"}, (612, 434)),
        ("upscale/fast", {"image": (300, 200)}, {}, (1200, 800)),
        ("control/sketch", {"image": (500, 300)}, {"prompt": "a house"}, (500, 300)),
        ("control/style", {"image": (512, 512)}, {"prompt": "x", "aspect_ratio": "16:9"}, None),
        ("upscale/conservative", {"image": (400, 200)}, {"prompt": "sharp"}, None),
    ],
)
async def test_sync_answers_have_the_endpoints_geometry(
    emulator: httpx.AsyncClient,
    path: str,
    files: dict[str, tuple[int, int]],
    fields: dict[str, str],
    size: tuple[int, int] | None,
) -> None:
    images = {name: picture(*side) for name, side in files.items()}
    response = await post(emulator, path, images, **fields)
    assert response.status_code == 200, response.text
    seed = fields.get("seed", "343940597")  # the emulator's stand-in for a random seed
    assert (response.headers["finish-reason"], response.headers["seed"]) == ("SUCCESS", seed)
    answer = opened(response.content)
    if size is not None:
        assert answer.size == size
    elif path == "control/style":  # 1 MP at the asked aspect
        assert abs(answer.width / answer.height - 16 / 9) < 0.01
        assert abs(answer.width * answer.height - 1024 * 1024) < 20_000
    else:  # conservative: 4 MP at the input's aspect
        assert abs(answer.width / answer.height - 2) < 0.01
        assert abs(answer.width * answer.height - 4 * 1024 * 1024) < 20_000


async def test_remove_background_answers_alpha_as_json(emulator: httpx.AsyncClient) -> None:
    response = await emulator.post(
        f"{STABILITY}/edit/remove-background",
        files={"image": ("a.jpg", picture(400, 300, "JPEG"), "image/jpeg")},
        data={"output_format": "webp"},
        headers=AUTH | {"accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json; type=image/webp"
    cut = opened(base64.b64decode(response.json()["image"]))
    assert (cut.format, cut.mode, cut.size) == ("WEBP", "RGBA", (400, 300))
    assert (cut.getpixel((0, 0))[3], cut.getpixel((200, 150))[3]) == (0, 255)  # type: ignore[index]


async def test_style_transfer_keeps_the_init_images_aspect(emulator: httpx.AsyncClient) -> None:
    images = {"init_image": picture(800, 400), "style_image": picture(300, 300)}
    response = await post(emulator, "control/style-transfer", images, output_format="jpeg")
    assert response.headers["content-type"] == "image/jpeg"
    answer = opened(response.content)
    assert abs(answer.width / answer.height - 2) < 0.01
    assert abs(answer.width * answer.height - 1024 * 1024) < 20_000


@pytest.mark.parametrize(
    ("path", "side", "fields", "message"),
    [
        ("edit/erase", (640, 480), {"grow_mask": "21"}, "grow_mask: must be between 0 and 20"),
        ("upscale/fast", (2000, 500), {}, "image: width and height must be at most 1536 px"),
        ("edit/inpaint", (640, 480), {}, "prompt: is required"),
        ("edit/outpaint", (640, 480), {}, "left, right, up, down: at least one must be"),
        ("edit/search-and-replace", (640, 200), {"prompt": "a", "search_prompt": "b"}, "aspect"),
        ("edit/remove-background", (640, 480), {"output_format": "jpeg"}, "output_format"),
        ("edit/erase", (640, 480), {"strength": "1"}, "strength: is not a parameter"),
    ],
)
async def test_invalid_requests_are_refused(
    emulator: httpx.AsyncClient,
    path: str,
    side: tuple[int, int],
    fields: dict[str, str],
    message: str,
) -> None:
    response = await post(emulator, path, {"image": picture(*side)}, **fields)
    assert response.status_code == 400
    assert response.json()["name"] == "bad_request"
    assert message in response.json()["errors"][0]


async def test_undecodable_and_oversized_images_are_refused(emulator: httpx.AsyncClient) -> None:
    garbled = await post(emulator, "edit/erase", {"image": b"not an image"})
    assert "image: is not a jpeg, png or webp image" in garbled.json()["errors"][0]
    too_large = await post(emulator, "edit/erase", {"image": b"\0" * (10 * 1024 * 1024 + 1)})
    assert too_large.status_code == 413
    assert too_large.json()["name"] == "payload_too_large"


async def poll(client: httpx.AsyncClient, job_id: str) -> httpx.Response:
    for _ in range(200):
        response = await client.get(f"/stability/v2beta/results/{job_id}", headers=AUTH)
        if response.status_code != 202:
            return response
        await asyncio.sleep(0.02)
    raise AssertionError("the job never finished")


async def test_async_upscale_is_polled_until_ready(emulator: httpx.AsyncClient) -> None:
    await behave(emulator, latency_s=0.3)
    started = await post(emulator, "upscale/creative", {"image": picture(300, 150)}, prompt="x")
    job_id = started.json()["id"]
    assert len(job_id) == 64
    assert int(job_id, 16) >= 0
    running = await emulator.get(f"/stability/v2beta/results/{job_id}", headers=AUTH)
    assert (running.status_code, running.json()) == (202, {"id": job_id, "status": "in-progress"})
    done = await poll(emulator, job_id)
    assert done.status_code == 200
    assert done.headers["finish-reason"] == "SUCCESS"
    upscaled = opened(done.content)
    assert abs(upscaled.width / upscaled.height - 2) < 0.01
    assert max(upscaled.size) <= 4096
    assert upscaled.width * upscaled.height > 3_900_000


async def test_results_are_private_to_their_key(emulator: httpx.AsyncClient) -> None:
    started = await post(emulator, "upscale/creative", {"image": picture(128, 128)}, prompt="x")
    results = "/stability/v2beta/results"
    other = await emulator.get(
        f"{results}/{started.json()['id']}", headers={"authorization": "Bearer sk-other"}
    )
    unknown = await emulator.get(f"{results}/{'0' * 64}", headers=AUTH)
    for response in (other, unknown):
        assert (response.status_code, response.json()["name"]) == (404, "generation_not_found")


async def test_an_async_fault_fails_the_job(emulator: httpx.AsyncClient) -> None:
    await behave(emulator, {"kind": "async_fail", "message": "relight crashed"}, latency_s=0)
    started = await post(
        emulator,
        "edit/replace-background-and-relight",
        {"subject_image": picture(512, 512)},
        background_prompt="a beach",
    )
    assert started.status_code == 200
    failed = await poll(emulator, started.json()["id"])
    assert failed.status_code == 500
    assert failed.json()["name"] == "internal_error"
    assert failed.json()["errors"] == ["relight crashed"]
    calls = (await emulator.get("/_emulator/calls", params={"provider": "stability"})).json()
    submitted = [c for c in calls if c["path"].endswith("replace-background-and-relight")]
    assert submitted[-1]["fault"] == "async_fail"
    assert calls[-1]["status"] == 500, "the failing poll is recorded too"


def gemini_edit(data: str, key: str = "inline_data", mime: str = "mime_type") -> dict[str, Any]:
    parts = [{"text": "make it autumn"}, {key: {mime: "image/jpeg", "data": data}}]
    return {
        "contents": [{"role": "user", "parts": parts}],
        "generationConfig": {"responseModalities": ["TEXT", "IMAGE"]},
    }


@pytest.mark.parametrize(
    ("key", "mime"), [("inline_data", "mime_type"), ("inlineData", "mimeType")]
)
async def test_gemini_edits_an_inline_image(
    emulator: httpx.AsyncClient, key: str, mime: str
) -> None:
    source = base64.b64encode(picture(900, 600, "JPEG")).decode()
    response = await emulator.post(
        GEMINI,
        json=gemini_edit(source, key, mime),
        headers={"x-goog-api-key": KEYS["google"]},
    )
    assert response.status_code == 200, response.text
    part = response.json()["candidates"][0]["content"]["parts"][0]["inlineData"]
    edited = opened(base64.b64decode(part["data"]))
    assert abs(edited.width / edited.height - 1.5) < 0.01
    assert abs(edited.width * edited.height - 1024 * 1024) < 20_000


async def test_gemini_refuses_an_inline_part_that_is_not_an_image(
    emulator: httpx.AsyncClient,
) -> None:
    for data in ("%%%", base64.b64encode(b"plain text").decode()):
        response = await emulator.post(
            GEMINI, json=gemini_edit(data), headers={"x-goog-api-key": KEYS["google"]}
        )
        assert response.status_code == 400
        assert response.json()["error"]["status"] == "INVALID_ARGUMENT"
