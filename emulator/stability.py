"""Stability AI v2beta text to image (`/v2beta/stable-image/generate/{ultra,core,sd3}`)."""

import base64
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from contracts.media import size_for_ratio
from emulator.behaviour import Fault, Script
from emulator.common import (
    answer,
    check_choice,
    check_known,
    check_number,
    check_text,
)
from emulator.images import image_for

NAME = "stability"
ASPECT_RATIOS = ("21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21")
FORMATS = ("jpeg", "png", "webp")
PRESETS = (
    "enhance",
    "anime",
    "photographic",
    "digital-art",
    "comic-book",
    "fantasy-art",
    "line-art",
    "analog-film",
    "neon-punk",
    "isometric",
    "low-poly",
    "origami",
    "modeling-compound",
    "cinematic",
    "3d-model",
    "pixel-art",
    "tile-texture",
)
SD3_MODELS = ("sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium", "sd3.5-flash")
COMMON = {"prompt", "negative_prompt", "aspect_ratio", "seed", "output_format", "style_preset"}
FIELDS = {
    "ultra": COMMON | {"image", "strength"},
    "core": COMMON,
    "sd3": COMMON | {"mode", "model", "image", "strength", "cfg_scale"},
}
DEFAULT_SEED = 343940597
"""The seed reported when the caller left it to chance (0 or none)."""
PIXELS = {"ultra": 1024 * 1024, "core": 1536 * 1024, "sd3": 1024 * 1024}


def error(status: int, name: str, message: str) -> Response:
    body = {"id": secrets.token_hex(16), "name": name, "errors": [message]}
    return JSONResponse(body, status_code=status)


def routes(script: Script) -> list[Route]:
    async def generate(request: Request) -> Response:
        endpoint = request.path_params["endpoint"]
        if endpoint not in FIELDS:
            return error(404, "not_found", f"unknown endpoint {endpoint}")
        form, errors = await read_form(request)
        errors += validate(endpoint, form)

        async def success(_: Fault | None) -> Response:
            return _image(request, endpoint, form)

        return await answer(script, NAME, request, errors=errors, error=error, success=success)

    return [Route("/v2beta/stable-image/generate/{endpoint}", generate, methods=["POST"])]


async def read_form(
    request: Request, *, check_accept: bool = True
) -> tuple[dict[str, Any], list[str]]:
    """The text fields of a multipart body (the dummy `none` part dropped), or why it is not one;
    `check_accept` holds `accept` to the image endpoints' values (3D ones take none)."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return {}, ["content-type: must be multipart/form-data"]
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k != "none"}
    accept = request.headers.get("accept", "image/*")
    errors = (
        []
        if accept in ("image/*", "application/json") or not check_accept
        else ["accept: must be image/* or application/json"]
    )
    return fields, errors


def validate(endpoint: str, form: dict[str, Any]) -> list[str]:
    """The checks of the v2beta spec for a text-to-image call."""
    errors: list[str] = []
    check_known(errors, form, FIELDS[endpoint])
    check_text(errors, form, "prompt", required=True)
    check_text(errors, form, "negative_prompt")
    check_choice(errors, form, "aspect_ratio", ASPECT_RATIOS)
    check_number(errors, form, "seed", 0, 4_294_967_294, integer=True)
    check_choice(errors, form, "output_format", FORMATS)
    check_choice(errors, form, "style_preset", PRESETS)
    if endpoint == "sd3":
        check_choice(errors, form, "model", SD3_MODELS)
        check_choice(errors, form, "mode", ("text-to-image", "image-to-image"))
        check_number(errors, form, "cfg_scale", 1, 10)
    if "strength" in form and "image" not in form:
        errors.append("strength: only valid with an image")
    return errors


def _image(request: Request, endpoint: str, form: dict[str, Any]) -> Response:
    width, height = size_for_ratio(form.get("aspect_ratio", "1:1"), PIXELS[endpoint])
    fmt = form.get("output_format", "png")
    data = image_for(form["prompt"], width, height, fmt)
    return image_response(request, data, fmt, form.get("seed", "0"))


def image_response(request: Request, data: bytes, fmt: str, seed: str = "0") -> Response:
    """An image answer: raw bytes with `finish-reason` and `seed` headers, or JSON with the
    image in base64 for `accept: application/json`."""
    number = int(float(seed)) or DEFAULT_SEED
    if request.headers.get("accept") == "application/json":
        body = {
            "image": base64.b64encode(data).decode(),
            "finish_reason": "SUCCESS",
            "seed": number,
        }
        return JSONResponse(body, media_type=f"application/json; type=image/{fmt}")
    headers = {
        "finish-reason": "SUCCESS",
        "seed": str(number),
        "x-request-id": secrets.token_hex(16),
    }
    return Response(data, media_type=f"image/{fmt}", headers=headers)
