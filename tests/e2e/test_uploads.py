"""Uploads are checked by content, size and pixel count; refused uploads store nothing. Images
may be fetched from a URL, never from a private address; GPS location is never stored."""

import asyncio
import io
import struct
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageOps

from tests.support.client import download
from tests.support.stack import RunningStack

ALLOWED_HOST = "127.0.0.2"
"""The test stack's `GATEWAY_UPLOAD_URL_ALLOW`: loopback, yet fetchable (127.0.0.1 is not)."""
GPS, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, fmt, **options)
    return out.getvalue()


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


def photo_with_location(orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it: turned (orientation 6), with a camera make and GPS."""
    ramp = (np.arange(96 * 64 * 3) % 253).astype(np.uint8).reshape(64, 96, 3)
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Canon"
    exif.get_ifd(GPS).update({1: "N", 2: (52.0, 30.0, 0.0), 3: "E", 4: (13.0, 24.0, 0.0)})
    out = io.BytesIO()
    Image.fromarray(ramp).save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def pixels(data: bytes) -> NDArray[np.uint8]:
    return np.asarray(Image.open(io.BytesIO(data)))


async def tenant_objects(stack: RunningStack, api: httpx.AsyncClient) -> list[str]:
    from minio import Minio

    tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
    s3 = stack.local.s3_settings()
    client = Minio(
        s3.endpoint, s3.access_key, s3.secret_key.get_secret_value(), secure=False, region=s3.region
    )
    listed = client.list_objects(s3.bucket, prefix=f"{tenant_id}/", recursive=True)
    return [str(item.object_name) for item in listed]


async def stored_content(api: httpx.AsyncClient, asset: dict[str, object]) -> bytes:
    content = await api.get(f"/v1/assets/{asset['id']}/content")
    assert content.status_code == 302
    return await download(content.headers["location"])


async def assert_nothing_stored(stack: RunningStack, api: httpx.AsyncClient) -> None:
    assert (await api.get("/v1/assets")).json()["items"] == []
    assert await tenant_objects(stack, api) == []


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


# --- from a URL


HANG = b""
"""A route that accepts the connection and never answers."""


@dataclass
class ImageServer:
    """A tiny HTTP/1.1 server on 127.0.0.2 answering each path with a canned response."""

    port: int
    routes: dict[str, bytes] = field(default_factory=dict)
    closing: asyncio.Event = field(default_factory=asyncio.Event)

    def url(self, path: str, host: str = ALLOWED_HOST) -> str:
        return f"http://{host}:{self.port}{path}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await reader.readuntil(b"\r\n\r\n")
            answer = self.routes.get(request.split(b" ")[1].decode(), ok(b"", status="404 Nope"))
            if answer == HANG:
                await self.closing.wait()
            writer.write(answer)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the gateway hung up first (a body cut off at its limit)
        finally:
            writer.close()


def ok(body: bytes, status: str = "200 OK", content_type: str = "image/jpeg") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"Connection: close\r\n\r\n" + body


def chunked(body: bytes, size: int = 2**16) -> bytes:
    """`body` without a declared length, in chunks."""
    parts = [
        f"{len(body[at : at + size]):x}\r\n".encode() + body[at : at + size] + b"\r\n"
        for at in range(0, len(body), size)
    ]
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    return head + b"".join(parts) + b"0\r\n\r\n"


def redirect(location: str) -> bytes:
    return f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()


@pytest.fixture(scope="module")
async def images() -> AsyncIterator[ImageServer]:
    server = ImageServer(port=0)
    listening = await asyncio.start_server(server.handle, ALLOWED_HOST, 0)
    server.port = listening.sockets[0].getsockname()[1]
    yield server
    server.closing.set()
    listening.close()
    await listening.wait_closed()


async def from_url(api: httpx.AsyncClient, url: str, **body: str) -> httpx.Response:
    return await api.post("/v1/uploads/url", json={"url": url, **body})


async def test_an_image_at_a_url_becomes_an_asset(
    api: httpx.AsyncClient, images: ImageServer
) -> None:
    data = image_bytes("PNG")
    images.routes["/pictures/sea%20view.png"] = ok(data, content_type="text/plain")
    response = await from_url(api, images.url("/pictures/sea%20view.png"))
    assert response.status_code == 201, response.text
    asset = response.json()
    assert (asset["format"], asset["width"], asset["bytes"]) == ("png", 64, len(data))
    assert asset["filename"] == "sea view.png"
    assert await stored_content(api, asset) == data


async def test_a_url_upload_follows_redirects_and_loses_its_location(
    api: httpx.AsyncClient, images: ImageServer
) -> None:
    images.routes["/moved"] = redirect("/photo.jpg")
    images.routes["/photo.jpg"] = ok(photo_with_location())
    response = await from_url(api, images.url("/moved"), filename="holiday.jpg")
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == "holiday.jpg"
    stored = await stored_content(api, response.json())
    assert Image.open(io.BytesIO(stored)).getexif().get_ifd(GPS) == {}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/x.png",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.1/x.png",
        "http://[::1]:{port}/x.png",
        "http://localhost:{port}/x.png",
    ],
)
async def test_private_addresses_are_not_fetched(
    stack: RunningStack, api: httpx.AsyncClient, images: ImageServer, url: str
) -> None:
    response = await from_url(api, url.format(port=images.port))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "url_not_allowed"
    await assert_nothing_stored(stack, api)


async def test_a_redirect_to_a_private_address_is_refused(
    stack: RunningStack, api: httpx.AsyncClient, images: ImageServer
) -> None:
    images.routes["/x.png"] = ok(image_bytes("PNG"))
    images.routes["/escape"] = redirect(images.url("/x.png", host="127.0.0.1"))
    response = await from_url(api, images.url("/escape"))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "url_not_allowed"
    await assert_nothing_stored(stack, api)


async def test_only_http_urls_are_fetched(api: httpx.AsyncClient, images: ImageServer) -> None:
    images.routes["/to-file"] = redirect("file:///etc/passwd")
    response = await from_url(api, images.url("/to-file"))
    assert (response.status_code, response.json()["error"]["code"]) == (422, "url_not_allowed")
    response = await from_url(api, "ftp://example.com/x.png")
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid_request")


@pytest.mark.parametrize("framing", ["declared", "chunked"])
async def test_a_too_large_body_is_413(
    stack: RunningStack, api: httpx.AsyncClient, images: ImageServer, framing: str
) -> None:
    big = b"\x89PNG\r\n\x1a\n" + bytes(9 * 2**20)  # the test stack allows 8 MiB
    images.routes[f"/big-{framing}.png"] = ok(big) if framing == "declared" else chunked(big)
    response = await from_url(api, images.url(f"/big-{framing}.png"))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    await assert_nothing_stored(stack, api)


async def test_a_server_that_never_answers_times_out(
    stack: RunningStack, api: httpx.AsyncClient, images: ImageServer
) -> None:
    images.routes["/slow.png"] = HANG
    response = await from_url(api, images.url("/slow.png"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "url_fetch_failed"
    assert "timed out" in error["message"]
    await assert_nothing_stored(stack, api)


async def test_an_upstream_error_is_reported(api: httpx.AsyncClient, images: ImageServer) -> None:
    response = await from_url(api, images.url("/missing.png"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "url_fetch_failed"
    assert "404" in error["message"]
    images.routes["/page.html"] = ok(b"<html>not an image</html>", content_type="text/html")
    response = await from_url(api, images.url("/page.html"))
    assert (response.status_code, response.json()["error"]["code"]) == (
        415,
        "unsupported_media_type",
    )
