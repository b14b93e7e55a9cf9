"""WaveSpeed v3, asynchronous: submit a model's job, poll its prediction (Qwen Image, Ideogram V3
Turbo). The configured latency is the job's run time; an `async_fail` fault ends it `failed`."""

import base64
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from contracts.media import size_for_ratio
from emulator import KEYS
from emulator.behaviour import Fault, Script
from emulator.common import (
    answer,
    bearer,
    check_bool,
    check_choice,
    check_known,
    check_number,
    check_text,
    json_body,
)
from emulator.images import image_for

NAME = "wavespeed"
QWEN = "wavespeed-ai/qwen-image/text-to-image"
IDEOGRAM = "ideogram-ai/ideogram-v3-turbo"
IDEOGRAM_RATIOS = ("1:1", "16:9", "9:16", "4:3", "3:4")
IDEOGRAM_STYLES = ("Auto", "General", "Realistic", "Design")
API_ONLY = {"enable_sync_mode", "enable_base64_output", "webhook_url"}


@dataclass
class Prediction:
    id: str
    model: str
    body: dict[str, Any]
    ready_at: float
    fails_with: str | None
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def data(self, base_url: str) -> dict[str, Any]:
        done = time.monotonic() >= self.ready_at
        status = ("failed" if self.fails_with else "completed") if done else "processing"
        outputs = [self._output()] if status == "completed" else []
        return {
            "id": self.id,
            "model": self.model,
            "status": status,
            "outputs": outputs,
            "urls": {"get": f"{base_url}/api/v3/predictions/{self.id}/result"},
            "has_nsfw_contents": [False] * len(outputs),
            "created_at": self.created_at,
            "error": self.fails_with if status == "failed" else "",
            "timings": {"inference": 2500} if done else {},
        }

    def _output(self) -> str:
        width, height = _size(self.model, self.body)
        fmt = self.body.get("output_format", "jpeg") if self.model == QWEN else "png"
        data = image_for(self.body["prompt"], width, height, fmt)
        if self.body.get("enable_base64_output"):
            return base64.b64encode(data).decode()
        return f"https://cdn.wavespeed.invalid/{self.id}.{fmt}"


def error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"code": status, "message": message, "data": None}, status_code=status)


def envelope(data: dict[str, Any]) -> Response:
    return JSONResponse({"code": 200, "message": "success", "data": data})


def routes(script: Script) -> list[Route]:
    predictions: dict[str, Prediction] = {}

    async def submit(request: Request) -> Response:
        model = request.path_params["model"]
        if model.startswith(("predictions", "media/")):
            return error(404, "not_found", "not found")
        body, errors = await json_body(request)
        if model not in (QWEN, IDEOGRAM):
            return error(404, "not_found", f"model {model} not found")
        errors += validate(model, body)

        async def success(fault: Fault | None) -> Response:
            prediction = Prediction(
                id=secrets.token_hex(16),
                model=model,
                body=body,
                ready_at=time.monotonic() + script.latency(NAME),
                fails_with=fault.message if fault else None,
            )
            predictions[prediction.id] = prediction
            if fault is not None:
                script.calls[-1].fault = "async_fail"
            data = prediction.data(str(request.base_url).rstrip("/"))
            return envelope(data | {"status": "created", "outputs": []})

        return await answer(
            script,
            NAME,
            request,
            errors=errors,
            authorized=bearer(request, KEYS[NAME]),
            error=error,
            success=success,
            wait=False,
        )

    async def result(request: Request) -> Response:
        if not bearer(request, KEYS[NAME]):
            return error(401, "unauthorized", "invalid API key")
        prediction = predictions.get(request.path_params["id"])
        if prediction is None:
            return error(404, "not_found", "prediction not found")
        return envelope(prediction.data(str(request.base_url).rstrip("/")))

    return [
        Route("/api/v3/predictions/{id}/result", result, methods=["GET"]),
        Route("/api/v3/predictions/{id}", result, methods=["GET"]),
        Route("/api/v3/{model:path}", submit, methods=["POST"]),
    ]


def validate(model: str, body: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    check_text(errors, body, "prompt", required=True)
    for flag in API_ONLY - {"webhook_url"}:
        check_bool(errors, body, flag)
    if model == QWEN:
        check_known(errors, body, {"prompt", "size", "seed", "output_format"} | API_ONLY)
        check_number(errors, body, "seed", -1, 2_147_483_647, integer=True)
        check_choice(errors, body, "output_format", ("jpeg", "png", "webp"))
        if "size" in body and _qwen_size(body["size"]) is None:
            errors.append("size: must be W*H with each side 256 to 1536")
    else:
        known = {"prompt", "image", "mask_image", "style", "aspect_ratio", "reference_images"}
        check_known(errors, body, known | API_ONLY | {"enable_safety_checker"})
        check_choice(errors, body, "style", IDEOGRAM_STYLES)
        check_choice(errors, body, "aspect_ratio", IDEOGRAM_RATIOS)
        if len(body.get("reference_images", [])) > 3:
            errors.append("reference_images: at most 3")
    return errors


def _qwen_size(size: object) -> tuple[int, int] | None:
    try:
        width, height = (int(side) for side in str(size).split("*"))
    except ValueError:
        return None
    return (width, height) if 256 <= width <= 1536 and 256 <= height <= 1536 else None


def _size(model: str, body: dict[str, Any]) -> tuple[int, int]:
    if model == QWEN:
        return _qwen_size(body.get("size", "1024*1024")) or (1024, 1024)
    return size_for_ratio(body.get("aspect_ratio", "1:1"))
