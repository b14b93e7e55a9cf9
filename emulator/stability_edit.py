"""Stability AI v2beta edit, upscale and control, `/v2beta/stable-image/{edit,upscale,control}/*`
(what each takes: `stability_endpoints`). Multipart only, at most 10 MiB; the file parts are
decoded and held to the endpoint's pixel rule. Sync endpoints answer an image derived from the
input as text-to-image does; async ones answer `{id}`, polled on `stability_results`."""

import asyncio
import time

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator import KEYS
from emulator.behaviour import Fault, Script
from emulator.common import answer
from emulator.edits import decode
from emulator.images import encode
from emulator.stability import error, image_response, read_form
from emulator.stability_endpoints import ENDPOINTS, Endpoint, Form, Images
from emulator.stability_results import Job, Jobs, results_routes

NAME = "stability"
MAX_BODY = 10 * 1024 * 1024
TOO_LARGE = "body: payloads cannot be larger than 10MiB in size"


def routes(script: Script) -> list[Route]:
    """Served next to (after) `stability.routes`, whose `generate/*` route comes first."""
    jobs = Jobs()

    async def submit(request: Request) -> Response:
        name = f"{request.path_params['group']}/{request.path_params['endpoint']}"
        spec = ENDPOINTS.get(name)
        if spec is None:
            return error(404, "not_found", f"unknown endpoint {name}")
        if (too_large := await oversized(script, request)) is not None:
            return too_large
        form, files, errors = await read_parts(request)
        images, image_errors = await asyncio.to_thread(decode_parts, spec, files)
        errors += spec.validate(form, set(files)) + image_errors

        async def success(fault: Fault | None) -> Response:
            if spec.is_async:
                return _start(script, jobs, spec, images, form, fault)
            data = await asyncio.to_thread(_render, spec, images, form)
            return image_response(request, data, _format(form), form.get("seed", "0"))

        return await answer(
            script,
            NAME,
            request,
            errors=errors,
            error=error,
            success=success,
            wait=not spec.is_async,
        )

    return [
        Route("/v2beta/stable-image/{group}/{endpoint}", submit, methods=["POST"]),
        *results_routes(jobs, script),
    ]


async def oversized(script: Script, request: Request) -> Response | None:
    """The 413 answer (recorded) to a body over 10 MiB; None for one within."""
    if len(await request.body()) <= MAX_BODY:
        return None
    script.record(NAME, request.method, request.url.path, [TOO_LARGE]).status = 413
    return error(413, "payload_too_large", TOO_LARGE)


async def read_parts(
    request: Request, *, check_accept: bool = True
) -> tuple[Form, dict[str, bytes], list[str]]:
    """The text fields, the file parts and what is wrong with the body as a whole."""
    form, errors = await read_form(request, check_accept=check_accept)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return form, {}, errors
    parts = (await request.form()).multi_items()
    files = {
        name: await part.read()
        for name, part in parts
        if isinstance(part, UploadFile) and name != "none"  # the samples' dummy part
    }
    return form, files, errors


def decode_parts(spec: Endpoint, files: dict[str, bytes]) -> tuple[Images, list[str]]:
    """The endpoint's image parts decoded and held to their pixel rules (others are left to
    `Endpoint.validate`)."""
    images: Images = {}
    errors: list[str] = []
    for name, data in files.items():
        if name in spec.files:
            image, refused = decode(data, name, spec.files[name])
            errors += refused
            if image is not None:
                images[name] = image
    return images, errors


def _format(form: Form) -> str:
    return form.get("output_format", "png")


def _render(spec: Endpoint, images: Images, form: Form) -> bytes:
    return encode(spec.render(images, form), _format(form))


def _start(
    script: Script, jobs: Jobs, spec: Endpoint, images: Images, form: Form, fault: Fault | None
) -> Response:
    """An async job: it runs the scripted latency; an `async_fail` fault makes it fail."""
    rendering = (
        None if fault else asyncio.create_task(asyncio.to_thread(_render, spec, images, form))
    )
    job = Job(
        key=KEYS[NAME],
        ready_at=time.monotonic() + script.latency(NAME),
        fmt=_format(form),
        seed=form.get("seed", "0"),
        output=rendering,
        fails_with=fault.message if fault else None,
    )
    if fault is not None:
        script.calls[-1].fault = "async_fail"
    return JSONResponse({"id": jobs.add(job)})
