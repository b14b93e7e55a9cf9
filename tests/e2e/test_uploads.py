"""Uploads are checked by content, size and pixel count; refused uploads store nothing; GPS
location is never stored (uploads from a URL: `test_uploads_from_url`)."""

import io
import struct
import zlib

import httpx
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageOps

from tests.support.client import download
from tests.support.stack import RunningStack
from tests.support.uploads import (
    GPS,
    MAKE,
    ORIENTATION,
    assert_nothing_stored,
    image_bytes,
    photo_with_location,
    stored_content,
)


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid PNG header declaring `width`x`height`, with a few bytes of zeros as its data:
    tiny, but 400 MP (1.2 GB) if anyone decoded it."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def pixels(data: bytes) -> NDArray[np.uint8]:
    return np.asarray(Image.open(io.BytesIO(data)))


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "a.png"), ("JPEG", "b.jpg"), ("WEBP", "c.webp")])
async def test_an_image_becomes_an_asset(api: httpx.AsyncClient, fmt: str, name: str) -> None:
    data = image_bytes(fmt)
    response = await api.post(
        "/v1/uploads", files={"file": (name, data, "application/octet-stream")}
    )
    assert response.status_code == 201
    asset = response.json()
    assert (asset["kind"], asset["source"], asset["job_id"]) == ("upload", "upload", None)
    assert (asset["width"], asset["height"], asset["bytes"]) == (64, 48, len(data))
    assert asset["format"] == fmt.lower()
    assert asset["filename"] == name
    assert (await api.get(f"/v1/assets/{asset['id']}")).json()["sha256"] == asset["sha256"]
    content = await api.get(asset["links"]["content"])
    assert await download(content.headers["location"]) == data  # no GPS: the very same bytes


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (image_bytes("GIF"), 415, "unsupported_media_type"),
        (b"%PDF-1.7 pretending.png", 415, "unsupported_media_type"),
        (b"just some text, named photo.png\n" * 10, 415, "unsupported_media_type"),
        (image_bytes("PNG", (5000, 4000)), 422, "decompression_bomb"),
        (png_bomb(), 422, "decompression_bomb"),
        (image_bytes("PNG", (300, 300))[:300], 422, "invalid_image"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * (9 * 2**20), 413, "payload_too_large"),
        (b"\x89PNG\r\n\x1a\n" + bytes(60 * 10**6), 413, "payload_too_large"),
    ],
    ids=["gif", "pdf", "text", "5000x4000", "20000x20000-bomb", "truncated", "9MiB", "60MB"],
)
async def test_refused_uploads_store_nothing(
    stack: RunningStack, api: httpx.AsyncClient, data: bytes, status: int, code: str
) -> None:
    response = await api.post("/v1/uploads", files={"file": ("photo.png", data, "image/png")})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    await assert_nothing_stored(stack, api)


async def test_upload_without_a_file_is_422(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/uploads", data={"other": "x"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == "file"


async def test_a_phone_jpeg_with_a_second_picture_is_a_jpeg(api: httpx.AsyncClient) -> None:
    out = io.BytesIO()
    main, depth = Image.new("RGB", (64, 48), "red"), Image.new("RGB", (64, 48), "gray")
    main.save(out, "MPO", save_all=True, append_images=[depth])
    response = await api.post("/v1/uploads", files={"file": ("IMG_0001.JPG", out.getvalue())})
    assert response.status_code == 201
    assert response.json()["format"] == "jpeg"


async def test_location_is_stripped_and_nothing_else(api: httpx.AsyncClient) -> None:
    data = photo_with_location(orientation=1)
    response = await api.post("/v1/uploads", files={"file": ("IMG_0002.JPG", data)})
    assert response.status_code == 201
    asset = response.json()
    stored = await stored_content(api, asset)
    exif = Image.open(io.BytesIO(stored)).getexif()
    assert exif.get_ifd(GPS) == {}
    assert (exif[ORIENTATION], exif[MAKE]) == (1, "Canon")
    assert np.array_equal(pixels(stored), pixels(data))  # not re-encoded
    assert asset["bytes"] == len(stored) < len(data)
    assert (asset["width"], asset["height"]) == (96, 64)


async def test_a_turned_photo_is_stored_upright_without_its_location(
    api: httpx.AsyncClient,
) -> None:
    data = photo_with_location(orientation=6)
    response = await api.post("/v1/uploads", files={"file": ("IMG_0003.JPG", data)})
    assert response.status_code == 201
    asset = response.json()
    stored = await stored_content(api, asset)
    exif = Image.open(io.BytesIO(stored)).getexif()
    assert exif.get_ifd(GPS) == {}
    assert exif.get(ORIENTATION, 1) == 1
    assert exif[MAKE] == "Canon"
    assert (asset["width"], asset["height"]) == (64, 96), "as the phone displays it"
    upright = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(data))), dtype=np.int16)
    assert np.abs(pixels(stored).astype(np.int16) - upright).mean() < 3


@pytest.mark.parametrize(
    ("fmt", "mode", "stored"), [("AVIF", "RGB", "jpeg"), ("HEIF", "RGBA", "png")]
)
async def test_avif_and_heic_are_stored_converted(
    api: httpx.AsyncClient, fmt: str, mode: str, stored: str
) -> None:
    if fmt == "HEIF":
        pytest.importorskip("pillow_heif").register_heif_opener()
    out = io.BytesIO()
    Image.new(mode, (80, 60), (200, 40, 40, 120)[: len(mode)]).save(out, fmt)
    response = await api.post(
        "/v1/uploads", files={"file": (f"photo.{fmt.lower()}", out.getvalue())}
    )
    assert response.status_code == 201, response.text
    asset = response.json()
    assert (asset["format"], asset["width"], asset["height"]) == (stored, 80, 60)
    content = Image.open(io.BytesIO(await stored_content(api, asset)))
    assert (str(content.format).lower(), content.size) == (stored, (80, 60))
