"""Uploads from a URL: fetched and stored like a file, redirects followed, never from a private
address or a scheme other than HTTP, size and time limited, upstream errors reported."""

import asyncio
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from PIL import Image

from tests.support.stack import RunningStack
from tests.support.uploads import (
    ALLOWED_HOST,
    GPS,
    assert_nothing_stored,
    image_bytes,
    photo_with_location,
    stored_content,
)

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
