"""WaveSpeed v3, asynchronous: submit a model's job, poll its prediction (the models:
`wavespeed_models`, `wavespeed_video`). The configured latency is the job's run time (and the
output is rendered meanwhile); an `async_fail` fault ends it `failed`. Outputs are base64 strings
(`enable_base64_output`) or URLs of the emulator's own `GET /files/{id}.{ext}`."""

import asyncio
import base64
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator import KEYS
from emulator.behaviour import Fault, Script
from emulator.common import answer, bearer, json_body
from emulator.wavespeed_models import IMAGE_MODELS, Output, Prepare, Render
from emulator.wavespeed_video import VIDEO_MODELS

NAME = "wavespeed"
MODELS: dict[str, Prepare] = IMAGE_MODELS | VIDEO_MODELS
MAX_PREDICTIONS = 2_000
MAX_BYTES = 512 * 1024 * 1024
"""Outputs held at most (the oldest predictions dropped beyond)."""
RENDER_FAILED = "the emulator could not render the output"


@dataclass
class Prediction:
    id: str
    model: str
    base64: bool
    run_s: float
    output: asyncio.Task[Output] | None
    """Rendering; None when the job fails."""
    fails_with: str | None
    started: float = field(default_factory=time.monotonic)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    @property
    def ready_at(self) -> float:
        return self.started + self.run_s

    def result(self) -> Output | None:
        """Its output once rendered; None while rendering or when it failed."""
        out = self.output
        if out is None or not out.done() or out.cancelled() or out.exception() is not None:
            return None
        return out.result()

    def status(self) -> str:
        rendering = self.output is not None and not self.output.done()
        if rendering or time.monotonic() < self.ready_at:
            return "processing"
        return "completed" if self.result() is not None else "failed"

    def data(self, base_url: str, status: str | None = None) -> dict[str, Any]:
        status = status or self.status()
        output = self.result() if status == "completed" else None
        outputs = [self._link(output, base_url)] if output is not None else []
        ended = status in ("completed", "failed")
        return {
            "id": self.id,
            "model": self.model,
            "status": status,
            "outputs": outputs,
            "urls": {"get": f"{base_url}/api/v3/predictions/{self.id}/result"},
            "has_nsfw_contents": [False] * len(outputs),
            "created_at": self.created_at,
            "error": (self.fails_with or RENDER_FAILED) if status == "failed" else "",
            "timings": {"inference": round(self.run_s * 1000)} if ended else {},
        }

    def _link(self, output: Output, base_url: str) -> str:
        if self.base64:
            return base64.b64encode(output.data).decode()
        return f"{base_url}/files/{self.id}.{output.extension}"


class Predictions:
    """Predictions by id, the oldest dropped beyond `MAX_PREDICTIONS` or `MAX_BYTES` of outputs."""

    def __init__(self) -> None:
        self._items: OrderedDict[str, Prediction] = OrderedDict()

    def add(self, prediction: Prediction) -> None:
        self._items[prediction.id] = prediction
        while len(self._items) > 1 and (
            len(self._items) > MAX_PREDICTIONS or self._held() > MAX_BYTES
        ):
            self._items.popitem(last=False)

    def get(self, prediction_id: str) -> Prediction | None:
        return self._items.get(prediction_id)

    def _held(self) -> int:
        return sum(len(out.data) for p in self._items.values() if (out := p.result()))


def error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"code": status, "message": message, "data": None}, status_code=status)


def envelope(data: dict[str, Any]) -> Response:
    return JSONResponse({"code": 200, "message": "success", "data": data})


def base_url(request: Request) -> str:
    """Where WaveSpeed is served (the emulator's mount included)."""
    return f"{request.url.scheme}://{request.url.netloc}{request.scope.get('root_path', '')}"


class WaveSpeedApi:
    """The emulated API: its script and the predictions it started."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.predictions = Predictions()

    async def submit(self, request: Request) -> Response:
        model = request.path_params["model"]
        if model.startswith(("predictions", "media/")):
            return error(404, "not_found", "not found")
        body, errors = await json_body(request)
        prepare = MODELS.get(model)
        if prepare is None:
            return error(404, "not_found", f"model {model} not found")
        render, refused = await asyncio.to_thread(prepare, body)
        errors += refused

        async def success(fault: Fault | None) -> Response:
            prediction = _start(self.script, model, body, render, fault)
            self.predictions.add(prediction)
            return envelope(prediction.data(base_url(request), status="created"))

        return await answer(
            self.script, NAME, request, errors=errors, error=error, success=success, wait=False
        )

    async def result(self, request: Request) -> Response:
        if not bearer(request, KEYS[NAME]):
            return error(401, "unauthorized", "invalid API key")
        prediction = self.predictions.get(request.path_params["id"])
        if prediction is None:
            return error(404, "not_found", "prediction not found")
        return envelope(prediction.data(base_url(request)))

    async def download(self, request: Request) -> Response:
        """An output file, public as the CDN's are (no key); recorded, never faulted."""
        call = self.script.record(NAME, request.method, request.url.path, [])
        prediction_id, _, extension = request.path_params["name"].partition(".")
        prediction = self.predictions.get(prediction_id)
        output = prediction.result() if prediction and prediction.status() == "completed" else None
        if output is None or output.extension != extension:
            response = error(404, "not_found", "file not found")
        else:
            response = Response(output.data, media_type=output.media_type)
        call.status = response.status_code
        return response


def routes(script: Script) -> list[Route]:
    api = WaveSpeedApi(script)
    return [
        Route("/api/v3/predictions/{id}/result", api.result, methods=["GET"]),
        Route("/api/v3/predictions/{id}", api.result, methods=["GET"]),
        Route("/api/v3/{model:path}", api.submit, methods=["POST"]),
        Route("/files/{name}", api.download, methods=["GET"]),
    ]


def _start(
    script: Script, model: str, body: dict[str, Any], render: Render | None, fault: Fault | None
) -> Prediction:
    """The job: it runs the scripted latency while its output renders; an `async_fail` fault
    makes it fail."""
    if fault is not None:
        script.calls[-1].fault = "async_fail"
    rendering = None if fault or render is None else asyncio.create_task(asyncio.to_thread(render))
    return Prediction(
        id=secrets.token_hex(16),
        model=model,
        base64=body.get("enable_base64_output") is True,
        run_s=script.latency(NAME),
        output=rendering,
        fails_with=fault.message if fault else None,
    )
