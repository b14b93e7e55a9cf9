"""Stability v2beta async generations (creative upscale, replace-background-and-relight) and their
results, `GET /v2beta/results/{id}`: 202 in progress until the job's run time (the scripted
latency) has passed and its image is rendered, then 200 with the image as the sync endpoints
answer it; 404 for an unknown id or another API key. Kept in memory, the oldest dropped."""

import asyncio
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator.behaviour import Script
from emulator.stability import error, image_response

MAX_JOBS = 2_000
MAX_BYTES = 512 * 1024 * 1024
"""Rendered images held at most (a creative upscale is a few MB)."""
NOT_FOUND = "id: the generation either does not exist or has expired."


@dataclass
class Job:
    """One async generation: its owner's key, when it is done, and its image (rendering) or the
    reason it fails."""

    key: str
    ready_at: float
    fmt: str
    seed: str
    output: asyncio.Task[bytes] | None
    fails_with: str | None = None

    def image(self) -> bytes | None:
        """Its rendered image; None while rendering or when it failed."""
        out = self.output
        if out is None or not out.done() or out.cancelled() or out.exception() is not None:
            return None
        return out.result()

    def held(self) -> int:
        return len(self.image() or b"")


class Jobs:
    """Async generations by id (64 lowercase hex characters), the oldest dropped beyond
    `MAX_JOBS` or `MAX_BYTES` of images."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()

    def add(self, job: Job) -> str:
        job_id = secrets.token_hex(32)
        self._jobs[job_id] = job
        while len(self._jobs) > 1 and (
            len(self._jobs) > MAX_JOBS or sum(j.held() for j in self._jobs.values()) > MAX_BYTES
        ):
            self._jobs.popitem(last=False)
        return job_id

    def find(self, job_id: str, key: str) -> Job | None:
        job = self._jobs.get(job_id)
        return job if job is not None and job.key == key else None


def results_routes(jobs: Jobs, script: Script) -> list[Route]:
    async def result(request: Request) -> Response:
        call = script.record("stability", request.method, request.url.path, [])
        response = _answer(request)
        call.status = response.status_code
        return response

    def _answer(request: Request) -> Response:
        authorization = request.headers.get("authorization", "")
        if not authorization.startswith("Bearer "):
            return error(401, "unauthorized", "authorization: missing Bearer API key")
        job_id = request.path_params["id"]
        job = jobs.find(job_id, authorization.removeprefix("Bearer "))
        if job is None:
            return error(404, "generation_not_found", NOT_FOUND)
        running = job.output is not None and not job.output.done()
        if running or time.monotonic() < job.ready_at:
            return JSONResponse({"id": job_id, "status": "in-progress"}, status_code=202)
        return _finished(request, job)

    return [
        Route("/v2beta/results/{id}", result, methods=["GET"]),
        Route("/v2beta/stable-image/upscale/creative/result/{id}", result, methods=["GET"]),
    ]


def _finished(request: Request, job: Job) -> Response:
    # How a failed job surfaces on the results endpoint is not documented (providers.md 1.4 #20,
    # "unconfirmed"): the emulator answers the spec's generic 500 `internal_error` shape.
    data = job.image()
    if data is None:
        return error(500, "internal_error", job.fails_with or "the generation failed")
    return image_response(request, data, job.fmt, job.seed)
