"""The emulator's WaveSpeed video models (Wan 2.5 image to video, Hunyuan Avatar), served in
process: real MP4s that ffmpeg decodes at the asked size and length, and the reference's
validation (the Stability 3D endpoints: `test_emulator_3d`)."""

import asyncio
import base64
import io
import wave
from pathlib import Path
from typing import Any

import httpx
import imageio_ffmpeg  # type: ignore[import-untyped, unused-ignore]
import pytest

from emulator import KEYS
from tests.support.photos import png

WAN = "/wavespeed/api/v3/alibaba/wan-2.5/image-to-video"
AVATAR = "/wavespeed/api/v3/wavespeed-ai/hunyuan-avatar"
WAVESPEED = {"authorization": f"Bearer {KEYS['wavespeed']}"}


async def behave(
    client: httpx.AsyncClient, provider: str, *faults: dict[str, Any], latency_s: float = 0
) -> None:
    body = {"latency_s": latency_s, "faults": list(faults)}
    (await client.put(f"/_emulator/{provider}", json=body)).raise_for_status()


def wav(seconds: float, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(b"\0\0" * round(seconds * rate))
    return out.getvalue()


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


IMAGE = data_uri(png(320, 180), "image/png")


async def submit(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(path, json=body, headers=WAVESPEED)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def finished(client: httpx.AsyncClient, data: dict[str, Any]) -> dict[str, Any]:
    for _ in range(500):
        if data["status"] in ("completed", "failed"):
            return data
        await asyncio.sleep(0.02)
        path = f"/wavespeed/api/v3/predictions/{data['id']}/result"
        data = (await client.get(path, headers=WAVESPEED)).json()["data"]
    raise AssertionError("the prediction never finished")


def probe(video: bytes, folder: Path) -> tuple[tuple[int, int], float, str | None]:
    """What ffmpeg reads in `video`: its size, how long it plays, its audio codec."""
    path = folder / "video.mp4"
    path.write_bytes(video)
    frames = imageio_ffmpeg.read_frames(str(path))
    meta = next(frames)
    frames.close()
    _, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    return tuple(meta["size"]), float(seconds), meta.get("audio_codec")


async def test_wan_runs_created_processing_completed_with_a_real_mp4(
    emulator: httpx.AsyncClient, tmp_path: Path
) -> None:
    await behave(emulator, "wavespeed", latency_s=0.2)
    body = {"image": IMAGE, "prompt": "a boat", "resolution": "480p", "duration": 3, "seed": 7}
    created = await submit(emulator, WAN, body)
    assert (created["status"], created["outputs"], created["error"]) == ("created", [], "")
    assert created["urls"]["get"].endswith(f"/wavespeed/api/v3/predictions/{created['id']}/result")
    polled = await emulator.get(created["urls"]["get"], headers=WAVESPEED)
    assert polled.json()["data"]["status"] == "processing"
    done = await finished(emulator, polled.json()["data"])
    assert (done["status"], done["has_nsfw_contents"]) == ("completed", [False])
    assert done["timings"]["inference"] == 200
    url = done["outputs"][0]
    assert url == f"http://emulator/wavespeed/files/{done['id']}.mp4"
    video = await emulator.get(url)
    assert video.headers["content-type"] == "video/mp4"
    size, seconds, audio = probe(video.content, tmp_path)
    assert size == (854, 480)
    assert abs(seconds - 3) < 0.1
    assert audio == "aac"


async def test_base64_outputs_and_portrait_images(
    emulator: httpx.AsyncClient, tmp_path: Path
) -> None:
    portrait = data_uri(png(180, 320), "image/jpeg")  # the content decides, not the mime
    body = {"image": portrait, "prompt": "a boat", "duration": 3, "enable_base64_output": True}
    done = await finished(emulator, await submit(emulator, WAN, body))
    video = base64.b64decode(done["outputs"][0], validate=True)
    assert video[4:8] == b"ftyp"
    size, seconds, _ = probe(video, tmp_path)
    assert (size, round(seconds)) == ((720, 1280), 3)  # 720p by default, turned portrait


async def test_avatar_plays_as_long_as_its_audio(
    emulator: httpx.AsyncClient, tmp_path: Path
) -> None:
    body = {"image": IMAGE, "audio": data_uri(wav(1.5), "audio/wav"), "prompt": ""}
    done = await finished(emulator, await submit(emulator, AVATAR, body))
    assert done["model"] == "wavespeed-ai/hunyuan-avatar"
    size, seconds, _ = probe((await emulator.get(done["outputs"][0])).content, tmp_path)
    assert size == (854, 480)
    assert abs(seconds - 1.5) < 0.1
    by_url = {"image": "https://example.com/me.png", "audio": "http://example.com/a.mp3"}
    done = await finished(emulator, await submit(emulator, AVATAR, by_url))
    _, seconds, _ = probe((await emulator.get(done["outputs"][0])).content, tmp_path)
    assert abs(seconds - 1) < 0.1, "audio by URL is not fetched: a 1 s placeholder"


@pytest.mark.parametrize(
    ("path", "changes", "message"),
    [
        (WAN, {"resolution": "4k"}, "resolution: must be one of 480p, 720p, 1080p"),
        (WAN, {"duration": 11}, "duration: must be between 3 and 10"),
        (WAN, {"duration": "5"}, "duration: must be a number"),
        (WAN, {"seed": 2_147_483_648}, "seed: must be between -1 and 2147483647"),
        (WAN, {"prompt": None}, "prompt: is required"),
        (WAN, {"enable_prompt_expansion": "yes"}, "enable_prompt_expansion: must be a boolean"),
        (WAN, {"size": "1280*720"}, "size: is not a parameter of this endpoint"),
        (WAN, {"image": "ftp://example.com/a.png"}, "image: must be an http(s) URL or a base64"),
        (WAN, {"image": data_uri(b"not an image", "image/png")}, "image: is not a jpeg, png"),
        (WAN, {"image": "data:image/png;base64,%%%"}, "image: is not valid base64"),
        (WAN, {"audio": data_uri(wav(1), "audio/wav")}, "audio: must play 3 to 30 s"),
        (AVATAR, {"audio": None}, "audio: is required"),
        (AVATAR, {"audio": data_uri(png(64, 64), "audio/wav")}, "audio: must be WAV or MP3"),
        (AVATAR, {"audio": data_uri(b"RIFF\0\0\0\0WAVEjunk", "audio/wav")}, "could not be"),
        (AVATAR, {"resolution": "1080p"}, "resolution: must be one of 480p, 720p"),
        (AVATAR, {"duration": 5}, "duration: is not a parameter of this endpoint"),
    ],
)
async def test_invalid_video_requests_are_refused(
    emulator: httpx.AsyncClient, path: str, changes: dict[str, Any], message: str
) -> None:
    body = {"image": IMAGE, "prompt": "a boat"}
    if path == AVATAR:
        body["audio"] = data_uri(wav(1), "audio/wav")
    body = {key: value for key, value in (body | changes).items() if value is not None}
    response = await emulator.post(path, json=body, headers=WAVESPEED)
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["data"]) == (400, None)
    assert message in response.json()["message"]


async def test_an_async_fault_fails_the_video_job(emulator: httpx.AsyncClient) -> None:
    await behave(emulator, "wavespeed", {"kind": "async_fail", "message": "gpu lost"})
    body = {"image": IMAGE, "prompt": "a boat", "resolution": "480p", "duration": 3}
    done = await finished(emulator, await submit(emulator, WAN, body))
    assert (done["status"], done["error"], done["outputs"]) == ("failed", "gpu lost", [])
    calls = (await emulator.get("/_emulator/calls", params={"provider": "wavespeed"})).json()
    assert calls[0]["fault"] == "async_fail"
    missing = await emulator.get(f"/wavespeed/files/{done['id']}.mp4")
    assert (missing.status_code, missing.json()["code"]) == (404, 404)
