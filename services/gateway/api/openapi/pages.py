"""Where the contract is read: `/openapi.json`, `/asyncapi.yaml`, and the Swagger UI (`/docs`)
and ReDoc (`/redoc`) pages, whose scripts are served from the installed `fastapi-offline`
package (no CDN: the pages work offline). The pages carry a Content-Security-Policy allowing only
this origin's scripts and their own inline script (by nonce)."""

import secrets
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from contracts.export import ASYNCAPI_FILE
from services.gateway.api.openapi.document import TITLE, public_document
from services.gateway.events.routes import router as events_router

ASSETS = Path(fastapi_offline.__file__).parent / "static"
ASSETS_PATH = "/docs/assets"
CSP = (
    "default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
router = APIRouter(include_in_schema=False)


def serve_documents(app: FastAPI) -> None:
    """Add the document, its pages and their scripts to the gateway's app."""
    app.include_router(router)
    app.mount(ASSETS_PATH, StaticFiles(directory=ASSETS), name="docs-assets")


def document_of(app: FastAPI) -> dict[str, Any]:
    """The app's public document (built once)."""
    if app.openapi_schema is None:
        app.openapi_schema = public_document([*app.routes, *events_router.routes])
    return app.openapi_schema


@router.get("/openapi.json")
async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(document_of(request.app), headers={"Cache-Control": "no-cache"})


@router.get("/asyncapi.yaml")
async def asyncapi() -> Response:
    return Response(ASYNCAPI_FILE.read_bytes(), media_type="application/yaml")


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=f"{TITLE}: Swagger UI",
        swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
    )
    return _with_nonce(page)


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    page = get_redoc_html(
        openapi_url="/openapi.json",
        title=f"{TITLE}: ReDoc",
        redoc_js_url=f"{ASSETS_PATH}/redoc.standalone.js",
        redoc_favicon_url=f"{ASSETS_PATH}/favicon.png",
        with_google_fonts=False,
    )
    return _with_nonce(page)


def _with_nonce(page: HTMLResponse) -> HTMLResponse:
    """The page with its scripts allowed by a fresh nonce, and the policy saying so."""
    nonce = secrets.token_urlsafe(16)
    html = bytes(page.body).decode().replace("<script", f'<script nonce="{nonce}"')
    headers = {"Content-Security-Policy": CSP.format(nonce=nonce), "Cache-Control": "no-cache"}
    return HTMLResponse(html, headers=headers)
