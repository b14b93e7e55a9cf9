"""Transform jobs on the real local stack: local pan-and-zoom video (with audio), WaveSpeed video
and avatars through the emulator (progress while polling, failures), image to 3D, audio checks
and plan limits."""

import io
import wave
from typing import Any

import httpx
import numpy as np
import pytest

from emulator.control import EmulatorControl
from shared.ffmpeg import probe
from tests.support.client import authed, events_until, finished, run_job, settled_balance
from tests.support.photos import astronaut, jpeg
from tests.support.stack import RunningStack

FPS = 30


def wav(seconds: float, rate: int = 16_000) -> bytes:
    """A sine tone as 16-bit mono WAV."""
    t = np.arange(int(seconds * rate)) / rate
    samples = (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())
    return out.getvalue()


async def upload(
    api: httpx.AsyncClient, data: bytes, name: str, purpose: str | None = None
) -> httpx.Response:
    form = {"purpose": purpose} if purpose else None
    return await api.post("/v1/uploads", files={"file": (name, data)}, data=form)


async def uploaded(api: httpx.AsyncClient, data: bytes, name: str, **kw: Any) -> str:
    response = await upload(api, data, name, **kw)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def content(api: httpx.AsyncClient, asset_id: str) -> tuple[str, bytes]:
    """An asset's bytes and content type, as a client downloads it (presigned URL)."""
    redirect = await api.get(f"/v1/assets/{asset_id}/content")
    async with httpx.AsyncClient(timeout=30) as plain:
        response = await plain.get(redirect.headers["location"])
    response.raise_for_status()
    return response.headers["content-type"], response.content


def video_job(image: str, **params: Any) -> dict[str, Any]:
    return {"kind": "transform.image_to_video", "params": {"image_asset_id": image, **params}}


async def outputs(api: httpx.AsyncClient, job: dict[str, Any]) -> dict[str, dict[str, Any]]:
    assert job["status"] == "completed", job
    assets = [(await api.get(f"/v1/assets/{a}")).json() for a in job["asset_ids"]]
    return {a["role"]: a for a in assets}


@pytest.fixture(scope="module")
def portrait() -> bytes:
    return jpeg(astronaut().resize((320, 320)))


async def test_local_video_has_the_asked_size_duration_frames_and_audio(
    api: httpx.AsyncClient, portrait: bytes
) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    audio = await uploaded(api, wav(4), "voice.wav", purpose="video")
    params = {"quality": "draft", "preset": "instagram_reel", "duration_s": 3}
    job = await run_job(api, video_job(image, audio_asset_id=audio, **params))
    made = await outputs(api, job)
    video, poster = made["output"], made["poster"]
    assert (job["provider"], job["model"]) == ("local", "ken-burns")
    assert (video["width"], video["height"], video["content_type"]) == (720, 1280, "video/mp4")
    assert (video["source_asset_id"], video["poster_id"]) == (image, poster["id"])
    assert poster["content_type"] == "image/jpeg"
    content_type, data = await content(api, video["id"])
    assert content_type == "video/mp4"
    found = probe(data)
    assert (found.width, found.height, found.video_codec) == (720, 1280, "h264")
    assert abs(found.duration_s - 3) <= 1 / FPS + 0.05
    assert found.frames == 3 * FPS
    assert found.audio_codec == "aac", "the uploaded audio is muxed in"
    assert job["cost"]["credits"] == 1


async def test_local_video_without_audio_is_silent(api: httpx.AsyncClient, portrait: bytes) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    job = await run_job(
        api, video_job(image, quality="draft", resolution="480p", aspect_ratio="16:9", duration_s=3)
    )
    found = probe((await content(api, (await outputs(api, job))["output"]["id"]))[1])
    assert (found.width, found.height, found.audio_codec) == (854, 480, None)


async def test_provider_video_reports_progress_while_polling(
    api: httpx.AsyncClient, emulator: EmulatorControl, portrait: bytes
) -> None:
    await emulator.behave("wavespeed", latency_s=1.5)
    image = await uploaded(api, portrait, "portrait.jpg")
    answer = await api.post("/v1/jobs", json=video_job(image, resolution="480p", duration_s=3))
    assert answer.status_code == 202, answer.text
    job_id = answer.json()["id"]
    events = await events_until(api, finished([job_id]), job_ids=[job_id], timeout_s=60)
    progress = [e for e in events if e["type"] == "studio.job.progress"]
    assert progress, "progress events arrive while the prediction runs"
    assert all(0 < e["data"]["percent"] < 100 for e in progress)
    job = (await api.get(f"/v1/jobs/{job_id}")).json()
    assert (job["provider"], job["model"]) == ("wavespeed", "wan-2.5")
    video = (await outputs(api, job))["output"]
    assert (video["width"], video["height"]) == (854, 480)
    assert job["cost"]["credits"] == 15  # 3 s at 5 credits a second


async def test_a_failed_provider_video_ends_failed_and_releases_its_credits(
    api: httpx.AsyncClient, emulator: EmulatorControl, portrait: bytes
) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    before = await settled_balance(api)
    await emulator.behave("wavespeed", {"kind": "async_fail", "message": "motion model crashed"})
    job = await run_job(api, video_job(image, resolution="720p", duration_s=5))
    assert job["status"] == "failed", job
    assert "motion model crashed" in job["error"]["message"]
    assert await settled_balance(api) == before


async def test_an_avatar_speaks_its_audio(
    api: httpx.AsyncClient, emulator: EmulatorControl, portrait: bytes
) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    audio = await uploaded(api, wav(4), "speech.wav", purpose="avatar")
    body = {
        "kind": "transform.avatar",
        "params": {"image_asset_id": image, "audio_asset_id": audio, "duration_s": 5},
    }
    job = await run_job(api, body)
    video = (await outputs(api, job))["output"]
    assert (job["provider"], job["model"]) == ("wavespeed", "hunyuan-avatar")
    assert video["content_type"] == "video/mp4"
    assert video["duration_s"] == pytest.approx(4, abs=0.2)
    calls = [c["path"] for c in await emulator.calls("wavespeed")]
    assert any(path.endswith("wavespeed-ai/hunyuan-avatar") for path in calls)


async def test_an_image_becomes_a_3d_model(api: httpx.AsyncClient, portrait: bytes) -> None:
    image = await uploaded(api, portrait, "product.jpg")
    job = await run_job(
        api,
        {
            "kind": "transform.image_to_3d",
            "params": {"asset_id": image, "texture_resolution": "512"},
        },
    )
    model = (await outputs(api, job))["output"]
    assert (job["provider"], job["model"]) == ("stability", "stable-fast-3d")
    assert model["content_type"] == "model/gltf-binary"
    content_type, data = await content(api, model["id"])
    assert content_type == "model/gltf-binary"
    assert data[:4] == b"glTF"
    assert job["cost"]["credits"] == 10


async def test_bad_audio_is_refused_and_nothing_is_stored(api: httpx.AsyncClient) -> None:
    refusals = [
        (b"this is not audio at all" * 20, "voice.mp3", None, 415, "unsupported_media_type"),
        (wav(2), "short.wav", None, 422, "audio_too_short"),
        (wav(40), "long.wav", "video", 422, "audio_too_long"),
        (wav(700, rate=16_000), "huge.wav", None, 413, "payload_too_large"),  # 22 MB
    ]
    for data, name, purpose, status, code in refusals:
        response = await upload(api, data, name, purpose)
        assert response.status_code == status, (name, response.text)
        assert response.json()["error"]["code"] == code
    assert (await api.get("/v1/assets")).json()["items"] == []


async def test_audio_too_long_for_a_video_is_refused_at_submission(
    api: httpx.AsyncClient, portrait: bytes
) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    long_audio = await uploaded(api, wav(40), "long.wav")  # fine for an avatar
    answer = await api.post(
        "/v1/jobs", json=video_job(image, quality="draft", audio_asset_id=long_audio)
    )
    assert answer.status_code == 422
    (detail,) = answer.json()["error"]["details"]
    assert detail["loc"] == "params.audio_asset_id"
    assert "3-30 s" in detail["message"]


async def test_plans_limit_video_before_any_work(stack: RunningStack, portrait: bytes) -> None:
    async with authed(stack.url, await stack.tenant("free", 1000)) as free:
        image = await uploaded(free, portrait, "p.jpg")
        refused = await free.post("/v1/jobs", json=video_job(image, quality="draft"))
        assert (refused.status_code, refused.json()["error"]["code"]) == (
            402,
            "resolution_not_in_plan",  # Free has video at 480p only (the default is 720p)
        )
    async with authed(stack.url, await stack.tenant("basic", 1000)) as basic:
        image = await uploaded(basic, portrait, "p.jpg")
        too_sharp = await basic.post("/v1/jobs", json=video_job(image, resolution="1080p"))
        assert too_sharp.json()["error"]["code"] == "resolution_not_in_plan"
        audio = await uploaded(basic, wav(4), "a.wav")
        avatar = {
            "kind": "transform.avatar",
            "params": {"image_asset_id": image, "audio_asset_id": audio},
        }
        assert (await basic.post("/v1/jobs", json=avatar)).json()["error"]["code"] == (
            "feature_not_in_plan"
        )
        allowed = await basic.post("/v1/jobs", json=video_job(image, resolution="720p"))
        assert allowed.status_code == 202, allowed.text


async def test_a_3d_model_can_be_had_as_obj_too(api: httpx.AsyncClient, portrait: bytes) -> None:
    image = await uploaded(api, portrait, "product.jpg")
    params = {"asset_id": image, "model": "stable-point-aware-3d", "output_format": "obj"}
    job = await run_job(api, {"kind": "transform.image_to_3d", "params": params})
    assert job["status"] == "completed", job
    obj_id, glb_id = job["asset_ids"]
    content_type, obj = await content(api, obj_id)
    assert content_type == "model/obj"
    lines = obj.decode().splitlines()
    assert sum(line.startswith("v ") for line in lines) >= 3
    assert sum(line.startswith("f ") for line in lines) >= 1
    assert (await content(api, glb_id))[0] == "model/gltf-binary"
    assert job["cost"]["credits"] == 4
