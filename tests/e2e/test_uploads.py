"""Uploads are checked by content, size and pixel count; refused uploads store nothing."""

import io

import httpx
import pytest
from PIL import Image

from tests.support.client import download
from tests.support.stack import RunningStack


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, fmt)
    return out.getvalue()


async def uploaded_objects(stack: RunningStack) -> int:
    from minio import Minio

    s3 = stack.local.s3_settings()
    client = Minio(
        s3.endpoint, s3.access_key, s3.secret_key.get_secret_value(), secure=False, region=s3.region
    )
    return sum(1 for _ in client.list_objects(s3.bucket, recursive=True))


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
    assert await download(content.headers["location"]) == data


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (image_bytes("GIF"), 415, "unsupported_media_type"),
        (b"%PDF-1.7 pretending.png", 415, "unsupported_media_type"),
        (image_bytes("PNG", (5000, 4000)), 422, "decompression_bomb"),
        (image_bytes("PNG", (300, 300))[:300], 422, "invalid_image"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * (9 * 2**20), 413, "payload_too_large"),
    ],
)
async def test_refused_uploads_store_nothing(
    stack: RunningStack, api: httpx.AsyncClient, data: bytes, status: int, code: str
) -> None:
    before = await uploaded_objects(stack)
    response = await api.post("/v1/uploads", files={"file": ("photo.png", data, "image/png")})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert (await api.get("/v1/assets")).json()["items"] == []
    assert await uploaded_objects(stack) == before


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
