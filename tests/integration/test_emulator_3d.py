"""The emulator's Stability 3D endpoints, served in process: real GLBs that parse as glTF 2.0
(accessors, texture, another library), and the reference's validation."""

import io
import json
import struct
from typing import Any

import httpx
import pytest
from PIL import Image

from emulator import KEYS
from tests.support.photos import png

STABILITY = {"authorization": f"Bearer {KEYS['stability']}"}
COMPONENT_BYTES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4}
TYPE_SIZES = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4}


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
