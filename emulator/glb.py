"""A minimal binary glTF 2.0 (GLB) writer for the emulated 3D answers: a unit cube, every face
mapped to the whole of one PNG texture (POSITION with min/max, NORMAL, TEXCOORD_0, uint16
indices, one material whose baseColorTexture is the PNG, held in a bufferView). Chunks and
bufferViews are 4-byte aligned; the JSON chunk is padded with spaces, the BIN chunk with zeros."""

import json
import struct
from typing import Any

import numpy as np

MAGIC = 0x46546C67  # "glTF"
JSON_CHUNK = 0x4E4F534A  # "JSON"
BIN_CHUNK = 0x004E4942  # "BIN\0"
FLOAT, UNSIGNED_SHORT = 5126, 5123
ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER = 34962, 34963
FACES = (  # (normal, u, v) with u x v = normal: counter-clockwise seen from outside
    ((1, 0, 0), (0, 0, -1), (0, 1, 0)),
    ((-1, 0, 0), (0, 0, 1), (0, 1, 0)),
    ((0, 1, 0), (1, 0, 0), (0, 0, -1)),
    ((0, -1, 0), (1, 0, 0), (0, 0, 1)),
    ((0, 0, 1), (1, 0, 0), (0, 1, 0)),
    ((0, 0, -1), (-1, 0, 0), (0, 1, 0)),
)
CORNERS = ((-1, -1), (1, -1), (1, 1), (-1, 1))
UVS = ((0, 1), (1, 1), (1, 0), (0, 0))  # glTF's UV origin is the image's top left


def cube(texture_png: bytes, size: float = 1.0) -> bytes:
    """A GLB of a cube of side `size` centred on the origin, textured with `texture_png`."""
    positions, normals, uvs, indices = _geometry(size / 2)
    blobs = [positions.tobytes(), normals.tobytes(), uvs.tobytes(), indices.tobytes(), texture_png]
    views, binary = _pack(blobs)
    document = _document(views, len(binary), positions, len(indices))
    text = json.dumps(document, separators=(",", ":")).encode()
    chunks = _chunk(JSON_CHUNK, _pad(text, b" ")) + _chunk(BIN_CHUNK, _pad(binary, b"\0"))
    return struct.pack("<III", MAGIC, 2, 12 + len(chunks)) + chunks


def _geometry(half: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    positions: list[np.ndarray] = []
    normals: list[np.ndarray] = []
    uvs: list[tuple[int, int]] = []
    indices: list[int] = []
    for face, (normal, u, v) in enumerate(FACES):
        n, du, dv = np.array(normal), np.array(u), np.array(v)
        positions += [(n + a * du + b * dv) * half for a, b in CORNERS]
        normals += [n] * 4
        uvs += UVS
        first = face * 4
        indices += [first, first + 1, first + 2, first, first + 2, first + 3]
    return (
        np.array(positions, dtype="<f4"),
        np.array(normals, dtype="<f4"),
        np.array(uvs, dtype="<f4"),
        np.array(indices, dtype="<u2"),
    )


def _pack(blobs: list[bytes]) -> tuple[list[tuple[int, int]], bytes]:
    """The blobs one after another, each starting 4-byte aligned, and their (offset, length)."""
    views, binary = [], b""
    for blob in blobs:
        binary = _pad(binary, b"\0")
        views.append((len(binary), len(blob)))
        binary += blob
    return views, binary


def _document(
    views: list[tuple[int, int]], length: int, positions: np.ndarray, count: int
) -> dict[str, Any]:
    targets = (ARRAY_BUFFER, ARRAY_BUFFER, ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER, None)
    buffer_views = [
        {"buffer": 0, "byteOffset": offset, "byteLength": size} | ({"target": t} if t else {})
        for (offset, size), t in zip(views, targets, strict=True)
    ]
    vertices = len(positions)
    return {
        "asset": {"version": "2.0", "generator": "image-studio emulator"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [_primitive()]}],
        "materials": [_material()],
        "textures": [{"sampler": 0, "source": 0}],
        "samplers": [{"magFilter": 9729, "minFilter": 9987, "wrapS": 33071, "wrapT": 33071}],
        "images": [{"bufferView": 4, "mimeType": "image/png"}],
        "accessors": [
            _accessor(0, vertices, "VEC3")
            | {"min": positions.min(axis=0).tolist(), "max": positions.max(axis=0).tolist()},
            _accessor(1, vertices, "VEC3"),
            _accessor(2, vertices, "VEC2"),
            _accessor(3, count, "SCALAR", UNSIGNED_SHORT),
        ],
        "bufferViews": buffer_views,
        "buffers": [{"byteLength": length}],
    }


def _primitive() -> dict[str, Any]:
    attributes = {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2}
    return {"attributes": attributes, "indices": 3, "material": 0, "mode": 4}


def _material() -> dict[str, Any]:
    pbr = {"baseColorTexture": {"index": 0}, "metallicFactor": 0.0, "roughnessFactor": 1.0}
    return {"name": "texture", "pbrMetallicRoughness": pbr}


def _accessor(view: int, count: int, kind: str, component: int = FLOAT) -> dict[str, Any]:
    return {"bufferView": view, "componentType": component, "count": count, "type": kind}


def _chunk(kind: int, data: bytes) -> bytes:
    return struct.pack("<II", len(data), kind) + data


def _pad(data: bytes, filler: bytes) -> bytes:
    return data + filler * (-len(data) % 4)
