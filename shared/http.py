"""HTTP plumbing shared by every API: the error body, the one error-to-status map, body limits."""

import logging
import re
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from pymongo.errors import PyMongoError
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contracts.http.errors import ErrorBody, ErrorPublic, FieldError
from shared.errors import RateLimitedError, StudioError
from shared.responses import REQUEST_ID

log = logging.getLogger(__name__)

IdempotencyKey = Annotated[str | None, Header(max_length=255)]
"""The `Idempotency-Key` request header: a repeated request with it answers as the first did."""

STATUS_OF_CODE: Mapping[str, int] = {
    "unauthorized": 401,
    "share_password_required": 401,
    "share_password_wrong": 401,
    "insufficient_credits": 402,
    "feature_not_in_plan": 402,
    "monthly_quota_exceeded": 402,
    "resolution_not_in_plan": 402,
    "budget_cap_reached": 402,
    "forbidden": 403,
    "share_download_not_allowed": 403,
    "not_found": 404,
    "idempotency_key_reused": 409,
    "idempotency_key_in_use": 409,
    "job_not_completed": 409,
    "job_started": 409,
    "asset_trashed": 409,
    "share_expired": 410,
    "precondition_failed": 412,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "invalid_params": 422,
    "invalid_batch": 422,
    "invalid_schedule": 422,
    "webhook_url_refused": 422,
    "url_not_allowed": 422,
    "url_fetch_failed": 422,
    "invalid_audio": 422,
    "invalid_font": 422,
    "audio_too_short": 422,
    "audio_too_long": 422,
    "invalid_request": 422,
    "unknown_kind": 422,
    "invalid_cursor": 422,
    "version_not_in_chain": 422,
    "not_a_reference": 422,
    "invalid_image": 422,
    "decompression_bomb": 422,
    "unknown_provider": 422,
    "unknown_plan": 422,
    "unknown_pack": 422,
    "rate_limited": 429,
    "console_not_built": 503,
}
"""The only place an error code gets its HTTP status. Others: permanent 400, retryable 503."""

STATUS_CODES: Mapping[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` documenting the error body for these statuses."""
    return {status: {"model": ErrorPublic} for status in statuses}


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    error = ErrorBody(
        code=code, message=message, details=details or [], request_id=REQUEST_ID.get()
    )
    sent = {**(headers or {}), **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    body = ErrorPublic(error=error).model_dump(mode="json", exclude_none=True)
    return JSONResponse(body, status_code=status, headers=sent or None)


def field_errors(
    exc: ValidationError | RequestValidationError, prefix: str = ""
) -> list[FieldError]:
    """Pydantic errors as `FieldError`s with dotted locations (`params.variations`)."""
    details = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"] if part not in ("body",)]
        dotted = ".".join([prefix, *loc] if prefix else loc)
        details.append(FieldError(loc=dotted or "body", message=error["msg"], type=error["type"]))
    return details


UNAVAILABLE_RETRY_AFTER_S = "1"
"""What a 503 asks a client to wait: a dependency away is usually back within a second or two."""


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error with the one error body."""

    @app.exception_handler(StudioError)
    async def studio_error(request: Request, exc: StudioError) -> JSONResponse:
        status = STATUS_OF_CODE.get(exc.code, 503 if exc.retriable else 400)
        if status >= 503:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        response = error_response(status, exc.code, exc.public_message, exc.details)
        if isinstance(exc, RateLimitedError):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        elif status == 503:
            response.headers["Retry-After"] = UNAVAILABLE_RETRY_AFTER_S
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = field_errors(exc)
        return error_response(422, "invalid_request", "the request is not valid", details)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = STATUS_CODES.get(exc.status_code, "error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # Starlette's names only the first route of the path
            headers["Allow"] = ", ".join(allowed_methods(request))
        return error_response(exc.status_code, code, str(exc.detail), headers=headers)

    @app.exception_handler(PyMongoError)
    async def database_error(request: Request, exc: PyMongoError) -> JSONResponse:
        log.warning("database unavailable: %s", exc)
        return error_response(
            503,
            "database_unavailable",
            "the database did not answer; retry",
            headers={"Retry-After": UNAVAILABLE_RETRY_AFTER_S},
        )


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """The methods the API documents at the request's path, by its most literal template
    (`/v1/assets/bulk` is not `/v1/assets/{asset_id}`); for undocumented paths, the methods
    some route answers."""
    documented = _documented(request.app)
    path = request.url.path
    matching = [(holes, methods) for rx, holes, methods in documented if rx.fullmatch(path)]
    if matching:
        fewest = min(holes for holes, _ in matching)
        named = {m for holes, methods in matching if holes == fewest for m in methods}
        return [method for method in METHODS if method in named]
    return [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.router.routes
        )
    ]


def _documented(app: FastAPI) -> list[tuple[re.Pattern[str], int, frozenset[str]]]:
    """Each path template the app's routes document: its pattern, how many parameters it
    has, and its methods (made once per app, apart from the app's own served document)."""
    cached: list[tuple[re.Pattern[str], int, frozenset[str]]] | None = getattr(
        app.state, "documented_paths", None
    )
    if cached is None:
        cached = []
        document = get_openapi(title=app.title, version=app.version, routes=app.routes)
        for template, operations in document.get("paths", {}).items():
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
            methods = frozenset(m.upper() for m in operations if m.upper() in METHODS)
            cached.append((re.compile(pattern), template.count("{"), methods))
        app.state.documented_paths = cached
    return cached


class BodySizeLimit:
    """Refuses request bodies over a limit with 413, whether declared or streamed (chunked)."""

    def __init__(self, app: ASGIApp, default_limit: int, limits: Mapping[str, int]) -> None:
        self.app = app
        self.default_limit = default_limit
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default_limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        await self.app(scope, _counting(receive, limit), send)


def _counting(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            # An HTTPException, because FastAPI re-raises those from body parsing (others
            # become a 400).
            raise HTTPException(413, f"the body is over {limit} bytes")
        return message

    return counted


def _too_large(limit: int) -> JSONResponse:
    return error_response(413, "payload_too_large", f"the body is over {limit} bytes")
