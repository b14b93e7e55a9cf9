"""Request checks shared by the emulated APIs, and the one path every emulated call takes:
record it, wait the configured latency, apply a scripted fault, refuse bad auth or an invalid
request in the provider's own error shape, else answer."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from emulator import KEYS
from emulator.behaviour import Fault, Script

ErrorResponse = Callable[[int, str, str], Response]
"""Builds a provider's error answer from (status, code, message)."""

HANG_S = 3600.0


def check_text(
    errors: list[str],
    body: dict[str, Any],
    field: str,
    *,
    required: bool = False,
    max_length: int = 10_000,
) -> None:
    value = body.get(field)
    if value is None:
        if required:
            errors.append(f"{field}: is required")
        return
    if not isinstance(value, str) or not 1 <= len(value) <= max_length:
        errors.append(f"{field}: must be a string of 1 to {max_length} characters")


def check_number(
    errors: list[str],
    body: dict[str, Any],
    field: str,
    low: float,
    high: float,
    *,
    integer: bool = False,
    text: bool = True,
) -> None:
    """`text=False` refuses numbers sent as strings (JSON bodies)."""
    value = body.get(field)
    if value is None:
        return
    if isinstance(value, str) and text:  # multipart sends numbers as text
        try:
            value = float(value)
        except ValueError:
            errors.append(f"{field}: must be a number")
            return
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append(f"{field}: must be a number")
    elif integer and float(value) != int(value):
        errors.append(f"{field}: must be an integer")
    elif not low <= value <= high:
        errors.append(f"{field}: must be between {_shown(low)} and {_shown(high)}")


def _shown(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def check_choice(
    errors: list[str], body: dict[str, Any], field: str, choices: tuple[str, ...]
) -> None:
    value = body.get(field)
    if value is not None and value not in choices:
        errors.append(f"{field}: must be one of {', '.join(choices)}")


def check_bool(errors: list[str], body: dict[str, Any], field: str) -> None:
    if field in body and not isinstance(body[field], bool):
        errors.append(f"{field}: must be a boolean")


def check_known(errors: list[str], body: dict[str, Any], known: set[str]) -> None:
    errors.extend(
        f"{field}: is not a parameter of this endpoint" for field in body if field not in known
    )


async def json_body(request: Request) -> tuple[dict[str, Any], list[str]]:
    """A JSON object body, or the reasons it is not one."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        return {}, ["content-type: must be application/json"]
    try:
        body = await request.json()
    except ValueError:
        return {}, ["body: is not JSON"]
    return (body, []) if isinstance(body, dict) else ({}, ["body: must be a JSON object"])


def bearer(request: Request, key: str) -> bool:
    return request.headers.get("authorization", "") == f"Bearer {key}"


async def answer(
    script: Script,
    provider: str,
    request: Request,
    *,
    errors: list[str],
    error: ErrorResponse,
    success: Callable[[Fault | None], Awaitable[Response]],
    authorized: bool | None = None,
    wait: bool = True,
) -> Response:
    """The emulated answer (see the module docstring). `authorized` defaults to whether the
    request carries the provider's key as a bearer token. `wait=False` leaves the latency to the
    caller (async APIs spend it running the job) and hands an `async_fail` fault to `success`."""
    if authorized is None:
        authorized = bearer(request, KEYS[provider])
    call = script.record(provider, request.method, request.url.path, errors)
    fault = script.next_fault(provider)
    if wait:
        await asyncio.sleep(script.latency(provider))
    if fault is not None and fault.kind != "async_fail":
        call.fault = fault.kind
        response = await _faulty(fault, error)
    elif not authorized:
        response = error(401, "unauthorized", "missing or invalid API key")
    elif errors:
        response = error(400, "bad_request", "; ".join(errors))
    else:
        response = await success(fault)
    call.status = response.status_code
    return response


async def _faulty(fault: Fault, error: ErrorResponse) -> Response:
    if fault.kind == "timeout":
        await asyncio.sleep(HANG_S)
    if fault.kind == "malformed":
        return Response(b'{"truncated": ', status_code=200, media_type="application/json")
    code = {429: "rate_limit_exceeded", 503: "service_unavailable"}.get(
        fault.status, "internal_error"
    )
    response = error(fault.status, code, fault.message)
    if fault.retry_after_s is not None:
        response.headers["retry-after"] = f"{fault.retry_after_s:g}"
    return response
