"""GLB to OBJ: every triangle of the model, with its texture coordinates and normals."""

import io

import pytest
from PIL import Image

from emulator.glb import cube
from services.transform.local.obj import glb_to_obj
from shared.errors import PermanentError


def texture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def test_a_textured_cube_becomes_twelve_triangles() -> None:
    lines = glb_to_obj(cube(texture())).decode().splitlines()
    vertices = [line for line in lines if line.startswith("v ")]
    faces = [line.split()[1:] for line in lines if line.startswith("f ")]
    assert len(vertices) == 24
    assert len(faces) == 12
    assert sum(line.startswith("vt ") for line in lines) == 24
    assert sum(line.startswith("vn ") for line in lines) == 24
    corners = [int(corner.split("/")[0]) for face in faces for corner in face]
    assert min(corners) == 1
    assert max(corners) == 24
    assert all(len(corner.split("/")) == 3 for face in faces for corner in face)


def test_what_is_not_a_glb_is_refused() -> None:
    with pytest.raises(PermanentError) as refused:
        glb_to_obj(b"glTF" + b"\x02\x00\x00\x00" + b"\x10\x00\x00\x00" + b"junk")
    assert refused.value.code == "media_unreadable"
