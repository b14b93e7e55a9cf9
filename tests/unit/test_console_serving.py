"""How the gateway serves the console's build: the page for every route, hashed files cached
for good (compressed when the browser takes it), nothing outside the build, a clear 503 when
there is no build."""

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from services.gateway.api.console import serve_console
from shared.http import install_error_handlers
from shared.settings import S3Settings

PAGE = b"<!doctype html><title>console</title>"
SCRIPT = b"console.log('studio');" * 100


@pytest.fixture
def build(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "assets" / "index-abc123.js").write_bytes(SCRIPT)
    (tmp_path / "assets" / "index-abc123.js.br").write_bytes(b"brotli bytes")
    (tmp_path.parent / "secret.txt").write_text("not for the web")
    return tmp_path


def client_of(directory: Path) -> httpx.AsyncClient:
    app = FastAPI()
    serve_console(app, directory, S3Settings(public_endpoint="https://media.example.com"))
    install_error_handlers(app)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gateway")


async def test_every_route_of_the_app_is_its_page_with_a_policy(build: Path) -> None:
    client = client_of(build)
    for path in ("/console/", "/console/create", "/console/library?asset=ast_1"):
        answer = await client.get(path)
        assert answer.status_code == 200
        assert answer.content == PAGE
        assert answer.headers["cache-control"] == "no-cache"
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self';" in policy
        assert "connect-src 'self' blob: https://media.example.com" in policy
    redirect = await client.get("/console", follow_redirects=False)
    assert redirect.headers["location"] == "/console/"


async def test_hashed_files_are_cached_for_good_and_sent_compressed_when_taken(build: Path) -> None:
    client = client_of(build)
    plain = await client.get(
        "/console/assets/index-abc123.js", headers={"Accept-Encoding": "identity"}
    )
    assert plain.content == SCRIPT
    assert plain.headers["content-type"].startswith("text/javascript")
    assert "immutable" in plain.headers["cache-control"]
    compressed = await client.get(
        "/console/assets/index-abc123.js", headers={"Accept-Encoding": "gzip, br"}
    )
    raw = compressed.headers
    assert raw["content-encoding"] == "br"
    assert raw["vary"] == "Accept-Encoding"


async def test_nothing_outside_the_build_is_served(build: Path) -> None:
    answer = await client_of(build).get("/console/assets/%2e%2e/%2e%2e/secret.txt")
    assert b"not for the web" not in answer.content


async def test_a_server_without_a_build_says_so(tmp_path: Path) -> None:
    answer = await client_of(tmp_path / "missing").get("/console/")
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "console_not_built"
