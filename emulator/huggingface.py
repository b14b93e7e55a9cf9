"""Hugging Face Inference (hf-inference) text to image: JSON in, raw image bytes out."""

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator.behaviour import Fault, Script
from emulator.common import answer, check_known, check_number, check_text, json_body
from emulator.images import image_for

NAME = "huggingface"
MODELS = ("black-forest-labs/FLUX.1-dev", "black-forest-labs/FLUX.1-Krea-dev")
PARAMETERS = {
    "guidance_scale",
    "negative_prompt",
    "num_inference_steps",
    "width",
    "height",
    "scheduler",
    "seed",
}


def error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)


def routes(script: Script) -> list[Route]:
    async def infer(request: Request) -> Response:
        model = request.path_params["model"]
        if model not in MODELS:
            return error(404, "not_found", f"Model {model} does not exist")
        body, errors = await json_body(request)
        errors += validate(body)

        async def success(_: Fault | None) -> Response:
            parameters = body.get("parameters") or {}
            width, height = parameters.get("width", 1024), parameters.get("height", 1024)
            fmt = "png" if request.headers.get("accept") == "image/png" else "jpeg"
            return Response(
                image_for(body["inputs"], width, height, fmt), media_type=f"image/{fmt}"
            )

        return await answer(script, NAME, request, errors=errors, error=error, success=success)

    return [
        Route("/hf-inference/models/{model:path}", infer, methods=["POST"]),
        Route("/models/{model:path}", infer, methods=["POST"]),
    ]


def validate(body: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    check_known(errors, body, {"inputs", "parameters"})
    check_text(errors, body, "inputs", required=True)
    parameters = body.get("parameters", {})
    if not isinstance(parameters, dict):
        return [*errors, "parameters: must be an object"]
    check_known(errors, parameters, PARAMETERS)
    check_text(errors, parameters, "negative_prompt")
    check_number(errors, parameters, "guidance_scale", 0, 100)
    check_number(errors, parameters, "num_inference_steps", 1, 100, integer=True)
    check_number(errors, parameters, "seed", 0, 2**63 - 1, integer=True)
    for side in ("width", "height"):
        check_number(errors, parameters, side, 64, 2048, integer=True)
        if isinstance(parameters.get(side), int) and parameters[side] % 8:
            errors.append(f"{side}: must be a multiple of 8")
    return errors
