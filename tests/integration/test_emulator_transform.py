"""The emulator's WaveSpeed video models (Wan 2.5 image to video, Hunyuan Avatar) and Stability 3D
endpoints, served in process: real MP4s that ffmpeg decodes at the asked size and length, real
GLBs that parse as glTF 2.0, and the reference's validation."""

import asyncio
import base64
import io
import json
import struct
import wave
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import imageio_ffmpeg  # type: ignore[import-untyped, unused-ignore]
import pytest
from PIL import Image

from emulator import KEYS
from emulator.app import create_app

WAN = "/wavespeed/api/v3/alibaba/wan-2.5/image-to-video"
AVATAR = "/wavespeed/api/v3/wavespeed-ai/hunyuan-avatar"
WAVESPEED = {"authorization": f"Bearer {KEYS['wavespeed']}"}
STABILITY = {"authorization": f"Bearer {KEYS['stability']}"}
COMPONENT_BYTES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4}
TYPE_SIZES = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4}


@pytest.fixture
async def emulator() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        yield client


async def behave(
    client: httpx.AsyncClient, provider: str, *faults: dict[str, Any], latency_s: float = 0
) -> None:
    body = {"latency_s": latency_s, "faults": list(faults)}
    (await client.put(f"/_emulator/{provider}", json=body)).raise_for_status()


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(out, "PNG")
    return out.getvalue()


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


def read_glb(data: bytes) -> tuple[dict[str, Any], bytes]:
    """The JSON and BIN chunks of a GLB, checked against the binary glTF 2.0 layout."""
    magic, version, length = struct.unpack_from("<III", data)
    assert (magic, version, length) == (0x46546C67, 2, len(data))
    json_length, json_type = struct.unpack_from("<II", data, 12)
    assert json_type == 0x4E4F534A
    assert json_length % 4 == 0
    text = data[20 : 20 + json_length]
    assert len(text) - len(text.rstrip(b" ")) < 4, "JSON padded with at most 3 spaces"
    bin_at = 20 + json_length
    bin_length, bin_type = struct.unpack_from("<II", data, bin_at)
    assert (bin_type, bin_length % 4, bin_at + 8 + bin_length) == (0x004E4942, 0, len(data))
    document: dict[str, Any] = json.loads(text)
    binary = data[bin_at + 8 :]
    padding = binary[document["buffers"][0]["byteLength"] :]
    assert padding == bytes(len(padding)), "BIN padded with zeros"
    assert len(padding) < 4
    return document, binary


def check_accessors(document: dict[str, Any], binary: bytes) -> None:
    assert document["asset"]["version"] == "2.0"
    for view in document["bufferViews"]:
        assert view["byteOffset"] % 4 == 0
        assert view["byteOffset"] + view["byteLength"] <= document["buffers"][0]["byteLength"]
    for accessor in document["accessors"]:
        view = document["bufferViews"][accessor["bufferView"]]
        size = COMPONENT_BYTES[accessor["componentType"]] * TYPE_SIZES[accessor["type"]]
        assert accessor.get("byteOffset", 0) + accessor["count"] * size <= view["byteLength"]
    primitive = document["meshes"][0]["primitives"][0]
    position = document["accessors"][primitive["attributes"]["POSITION"]]
    view = document["bufferViews"][position["bufferView"]]
    values = struct.unpack_from(f"<{position['count'] * 3}f", binary, view["byteOffset"])
    columns = [values[axis::3] for axis in range(3)]
    assert position["min"] == [min(column) for column in columns]
    assert position["max"] == [max(column) for column in columns]
    counts = {document["accessors"][i]["count"] for i in primitive["attributes"].values()}
    assert len(counts) == 1, "every attribute has one value per vertex"
    indices = document["accessors"][primitive["indices"]]
    view = document["bufferViews"][indices["bufferView"]]
    used = struct.unpack_from(f"<{indices['count']}H", binary, view["byteOffset"])
    assert max(used) < counts.pop()


def texture(document: dict[str, Any], binary: bytes) -> Image.Image:
    material = document["materials"][document["meshes"][0]["primitives"][0]["material"]]
    index = material["pbrMetallicRoughness"]["baseColorTexture"]["index"]
    image = document["images"][document["textures"][index]["source"]]
    view = document["bufferViews"][image["bufferView"]]
    start = view["byteOffset"]
    return Image.open(io.BytesIO(binary[start : start + view["byteLength"]]))


async def post_3d(
    client: httpx.AsyncClient, endpoint: str, image: bytes, **fields: str
) -> httpx.Response:
    return await client.post(
        f"/stability/v2beta/3d/{endpoint}",
        files={"image": ("in.png", image, "image/png")},
        data=fields,
        headers=STABILITY,
    )


@pytest.mark.parametrize(
    ("endpoint", "fields", "side"),
    [
        ("stable-fast-3d", {"texture_resolution": "512", "remesh": "quad"}, 512),
        ("stable-point-aware-3d", {"target_type": "face", "target_count": "5000"}, 1024),
    ],
)
async def test_3d_answers_a_valid_glb(
    emulator: httpx.AsyncClient, endpoint: str, fields: dict[str, str], side: int
) -> None:
    response = await post_3d(emulator, endpoint, png(256, 192), **fields)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "model/gltf-binary"
    document, binary = read_glb(response.content)
    check_accessors(document, binary)
    picture = texture(document, binary)
    assert (picture.format, picture.size) == ("PNG", (side, side))
    _also_load_in_a_library(response.content)


def _also_load_in_a_library(glb: bytes) -> None:
    """If a glTF library happens to be installed (none is a dependency), it must load it too."""
    try:
        import trimesh  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return
    scene = trimesh.load(io.BytesIO(glb), file_type="glb")
    assert len(scene.geometry) == 1


@pytest.mark.parametrize(
    ("endpoint", "fields", "side", "message"),
    [
        ("stable-fast-3d", {"foreground_ratio": "1.5"}, 256, "foreground_ratio: must be between"),
        ("stable-fast-3d", {"texture_resolution": "256"}, 256, "texture_resolution: must be one"),
        ("stable-fast-3d", {"vertex_count": "20001"}, 256, "vertex_count: must be between -1"),
        ("stable-fast-3d", {"output_format": "png"}, 256, "output_format: is not a parameter"),
        ("stable-fast-3d", {}, 32, "image: width and height must be at least 64 px"),
        ("stable-point-aware-3d", {"foreground_ratio": "0.5"}, 256, "between 1 and 2"),
        ("stable-point-aware-3d", {"target_count": "50"}, 256, "target_count: must be between"),
        ("stable-point-aware-3d", {"target_type": "edge"}, 256, "target_type: must be one of"),
        ("stable-point-aware-3d", {"guidance_scale": "11"}, 256, "guidance_scale: must be"),
        ("stable-point-aware-3d", {"remesh": "hex"}, 256, "remesh: must be one of"),
    ],
)
async def test_invalid_3d_requests_are_refused(
    emulator: httpx.AsyncClient, endpoint: str, fields: dict[str, str], side: int, message: str
) -> None:
    response = await post_3d(emulator, endpoint, png(side, side), **fields)
    assert response.status_code == 400
    assert response.json()["name"] == "bad_request"
    assert message in response.json()["errors"][0]


async def test_3d_refuses_missing_oversized_and_unauthorised_bodies(
    emulator: httpx.AsyncClient,
) -> None:
    path = "/stability/v2beta/3d/stable-fast-3d"
    missing = await emulator.post(path, files={"none": (None, "")}, headers=STABILITY)
    assert "image: is required" in missing.json()["errors"][0]
    huge = {"image": ("a.png", b"\0" * (10 * 1024 * 1024 + 1), "image/png")}
    too_large = await emulator.post(path, files=huge, headers=STABILITY)
    assert (too_large.status_code, too_large.json()["name"]) == (413, "payload_too_large")
    anonymous = await emulator.post(path, files={"image": ("a.png", png(64, 64), "image/png")})
    assert anonymous.status_code == 401
