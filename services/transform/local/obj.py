"""A binary glTF model as Wavefront OBJ: every triangle primitive's positions, texture
coordinates and normals, as the providers deliver GLB only. The texture stays in the GLB (OBJ
keeps materials in side files), so the OBJ is geometry with UVs."""

import json
import struct
from typing import Any

import numpy as np
from numpy.typing import NDArray

from shared.errors import PermanentError

JSON_CHUNK, BIN_CHUNK = 0x4E4F534A, 0x004E4942
TRIANGLES = 4
COMPONENTS = {5121: np.uint8, 5123: np.uint16, 5125: np.uint32, 5126: np.float32}
WIDTHS = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4}


def glb_to_obj(glb: bytes) -> bytes:
    """The OBJ text of a GLB's triangle meshes; `PermanentError` when it has none or is
    malformed."""
    try:
        return _converted(glb)
    except (ValueError, KeyError, IndexError, TypeError) as exc:  # a document that lies
        raise PermanentError("media_unreadable", f"the GLB does not hold together: {exc}") from exc


def _converted(glb: bytes) -> bytes:
    document, binary = _chunks(glb)
    lines, base = ["# converted from glTF by Image Studio"], 0
    for mesh in document.get("meshes", []):
        for primitive in mesh.get("primitives", []):
            if primitive.get("mode", TRIANGLES) != TRIANGLES:
                continue
            written, count = _primitive(document, binary, primitive, base)
            lines += written
            base += count
    if base == 0:
        raise PermanentError("media_unreadable", "the model has no triangle mesh to convert")
    return ("\n".join(lines) + "\n").encode()


def _chunks(glb: bytes) -> tuple[dict[str, Any], bytes]:
    try:
        (json_length, kind) = struct.unpack_from("<II", glb, 12)
        document = json.loads(glb[20 : 20 + json_length])
        at = 20 + json_length
        binary = b""
        if at + 8 <= len(glb):
            bin_length, bin_kind = struct.unpack_from("<II", glb, at)
            binary = glb[at + 8 : at + 8 + bin_length] if bin_kind == BIN_CHUNK else b""
    except (struct.error, ValueError) as exc:
        raise PermanentError("media_unreadable", "the GLB's chunks do not read") from exc
    if kind != JSON_CHUNK or not isinstance(document, dict):
        raise PermanentError("media_unreadable", "the GLB has no JSON chunk first")
    return document, binary


def _primitive(
    document: dict[str, Any], binary: bytes, primitive: dict[str, Any], base: int
) -> tuple[list[str], int]:
    attributes = primitive["attributes"]
    positions = _accessor(document, binary, attributes["POSITION"])
    uvs = _optional(document, binary, attributes.get("TEXCOORD_0"))
    normals = _optional(document, binary, attributes.get("NORMAL"))
    indices = _optional(document, binary, primitive.get("indices"))
    faces = (indices if indices is not None else np.arange(len(positions))).reshape(-1, 3)
    lines = [f"v {x:.6f} {y:.6f} {z:.6f}" for x, y, z in positions]
    lines += [f"vt {u:.6f} {1 - v:.6f}" for u, v in uvs] if uvs is not None else []
    lines += [f"vn {x:.6f} {y:.6f} {z:.6f}" for x, y, z in normals] if normals is not None else []
    lines += [_face(face + base + 1, uvs is not None, normals is not None) for face in faces]
    return lines, len(positions)


def _face(corners: NDArray[Any], uv: bool, normal: bool) -> str:
    def corner(i: int) -> str:
        if normal:
            return f"{i}/{i if uv else ''}/{i}"
        return f"{i}/{i}" if uv else str(i)

    return "f " + " ".join(corner(int(i)) for i in corners)


def _optional(document: dict[str, Any], binary: bytes, index: int | None) -> NDArray[Any] | None:
    return None if index is None else _accessor(document, binary, index)


def _accessor(document: dict[str, Any], binary: bytes, index: int) -> NDArray[Any]:
    """An accessor's values, one row per element (tightly packed or strided)."""
    accessor = document["accessors"][index]
    view = document["bufferViews"][accessor["bufferView"]]
    dtype = np.dtype(COMPONENTS[accessor["componentType"]]).newbyteorder("<")
    width, count = WIDTHS[accessor["type"]], accessor["count"]
    start = view.get("byteOffset", 0) + accessor.get("byteOffset", 0)
    packed = dtype.itemsize * width
    stride = view.get("byteStride") or packed
    if stride == packed:
        values = np.frombuffer(binary, dtype, count * width, start)
    else:
        rows = [np.frombuffer(binary, dtype, width, start + row * stride) for row in range(count)]
        values = np.concatenate(rows)
    return values.reshape(count, width) if width > 1 else values
