"""The Studio console (`web/`, built by `make install`) at `/console`: static files on the API's
own origin, so the app calls `/v1` with no CORS. Hashed build files are cached for good; every
other path is the app's page (its router draws the studio). Brotli or gzip copies made by the
build are served to clients that take them."""

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from shared.errors import PermanentError
from shared.settings import S3Settings

PREFIX = "/console"
HASHED = "assets/"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
IMMUTABLE = "public, max-age=31536000, immutable"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self' blob: {store}; "
    "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def serve_console(app: FastAPI, directory: Path, store: S3Settings) -> None:
    """Add `/console` to the gateway's app, serving the build in `directory`."""
    host, secure = store.presigned_endpoint()
    csp = CSP.format(store=f"{'https' if secure else 'http'}://{host}")
    router = APIRouter(include_in_schema=False)

    @router.get(PREFIX)
    async def console_root() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/", status_code=308)

    @router.get(PREFIX + "/{path:path}")
    async def console_file(path: str, request: Request) -> Response:
        return _answer(directory, path, request.headers.get("accept-encoding", ""), csp)

    app.include_router(router)


def _answer(directory: Path, path: str, accepted: str, csp: str) -> Response:
    index = directory / "index.html"
    if not index.is_file():
        raise PermanentError(
            "console_not_built",
            "the console is not built on this server: `make install` builds it (`web/dist`)",
        )
    if path.startswith(HASHED):
        found = _build_file(directory, path)
        if found is not None:
            return _file(found, accepted, IMMUTABLE)
    page = _file(index, accepted, "no-cache")
    page.headers["Content-Security-Policy"] = csp
    return page


def _build_file(directory: Path, path: str) -> Path | None:
    """The build file at `path`, never one outside the build's folder."""
    root = directory.resolve()
    candidate = (root / path).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    return None


def _file(path: Path, accepted: str, cache: str) -> FileResponse:
    """`path`, or its brotli/gzip copy when the client takes that encoding."""
    headers = {"Cache-Control": cache, "Vary": "Accept-Encoding"}
    for encoding, suffix in ENCODINGS:
        compressed = path.with_name(path.name + suffix)
        if encoding in accepted and compressed.is_file():
            headers["Content-Encoding"] = encoding
            return FileResponse(compressed, media_type=_media_type(path), headers=headers)
    return FileResponse(path, media_type=_media_type(path), headers=headers)


def _media_type(path: Path) -> str | None:
    return {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}.get(path.suffix)
