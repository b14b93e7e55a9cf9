"""Stability AI v2beta 3D, `/v2beta/3d/{stable-fast-3d,stable-point-aware-3d}`: multipart like the
edit endpoints (same parsing, 413, auth and error shape; no `accept` values), answering a real GLB
(`model/gltf-binary`): a cube textured with the input image at `texture_resolution`."""

import asyncio
import secrets

from PIL import Image
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.behaviour import Fault, Script
from emulator.common import answer
from emulator.glb import cube
from emulator.images import encode
from emulator.stability import error
from emulator.stability_edit import decode_parts, oversized, read_parts
from emulator.stability_endpoints import R4MP, SEED, Endpoint, Form, Images

NAME = "stability"
TEXTURE_SIDES = ("512", "1024", "2048")
REMESH = ("none", "triangle", "quad")


def _texture(images: Images, form: Form) -> Image.Image:
    side = int(form.get("texture_resolution", "1024"))
    image = images["image"]
    mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
    return image.convert(mode).resize((side, side), Image.Resampling.BILINEAR)


ENDPOINTS = {
    "stable-fast-3d": Endpoint(
        _texture,
        {"image": R4MP},
        frozenset({"image"}),
        numbers={"foreground_ratio": (0.1, 1), "vertex_count": (-1, 20_000)},
        choices={"texture_resolution": TEXTURE_SIDES, "remesh": REMESH},
        formats=(),
    ),
    # The spec's pixel rule (R-4MP); a third party saw "at least 640" px live (unconfirmed).
    "stable-point-aware-3d": Endpoint(
        _texture,
        {"image": R4MP},
        frozenset({"image"}),
        numbers=SEED
        | {
            "foreground_ratio": (1, 2),
            "target_count": (100, 20_000),
            "guidance_scale": (1, 10),
        },
        choices={
            "texture_resolution": TEXTURE_SIDES,
            "remesh": REMESH,
            "target_type": ("none", "vertex", "face"),
        },
        formats=(),
    ),
}


def routes(script: Script) -> list[Route]:
    async def generate(request: Request) -> Response:
        spec = ENDPOINTS.get(request.path_params["endpoint"])
        if spec is None:
            return error(404, "not_found", f"unknown endpoint {request.path_params['endpoint']}")
        if (too_large := await oversized(script, request)) is not None:
            return too_large
        form, files, errors = await read_parts(request, check_accept=False)
        images, image_errors = await asyncio.to_thread(decode_parts, spec, files)
        errors += spec.validate(form, set(files)) + image_errors

        async def success(_: Fault | None) -> Response:
            model = await asyncio.to_thread(_model, spec, images, form)
            headers = {"x-request-id": secrets.token_hex(16)}
            return Response(model, media_type="model/gltf-binary", headers=headers)

        return await answer(script, NAME, request, errors=errors, error=error, success=success)

    return [Route("/v2beta/3d/{endpoint}", generate, methods=["POST"])]


def _model(spec: Endpoint, images: Images, form: Form) -> bytes:
    return cube(encode(spec.render(images, form), "png"))
