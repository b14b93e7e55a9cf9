"""The shape every service process shares: a FastAPI app with health, readiness and metrics,
whose lifespan opens the service's clients and runs its background loops.

A service provides one composition root, `build(app, stack) -> Runtime`: it creates its clients
(registering their shutdown on `stack`), stores what routes need on `app.state`, and returns its
readiness probes and loops. Nothing connects at import time; tests call the same function.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from starlette.requests import HTTPConnection

from shared import metrics
from shared.responses import ResponseHeaders
from shared.settings import ServiceSettings
from shared.telemetry import setup_telemetry

log = logging.getLogger(__name__)

Probe = Callable[[], Awaitable[None]]
Loop = Callable[[], Coroutine[Any, Any, None]]
PROBE_TIMEOUT_S = 3.0
KEEP_ALIVE_S = 75
HEALTHY_RUN_S = 60.0
UNTRACED = frozenset({"/healthz", "/readyz", "/metrics"})
TELEMETRY: TelemetryConfig = {
    "tracing": True,  # a span per request, in the caller's trace (W3C headers)
    "metrics": False,  # Prometheus metrics are the services' own
    "logs": False,  # so are the logs
    "operation_spans": False,
    "exclude": lambda scope: scope.get("path") in UNTRACED,
}
"""FastAPI's own OpenTelemetry instrumentation, as every service uses it."""


@dataclass
class Runtime:
    """What a built service runs: readiness probes by dependency, and background loops."""

    probes: dict[str, Probe] = field(default_factory=dict)
    loops: list[Loop] = field(default_factory=list)


Build = Callable[[FastAPI, AsyncExitStack], Awaitable[Runtime]]


def app_state(name: str) -> Callable[[HTTPConnection], Any]:
    """A dependency answering what `build` stored as `app.state.<name>` (for a request or a
    WebSocket): `Annotated[Assets, Depends(app_state("assets"))]`."""

    def stored(connection: HTTPConnection) -> Any:
        return getattr(connection.app.state, name)

    return stored


health = APIRouter(tags=["operations"])


@health.get("/healthz", summary="Alive", operation_id="operations.alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@health.get("/readyz", summary="Every dependency reachable", operation_id="operations.ready")
async def readyz(request: Request) -> JSONResponse:
    probes: dict[str, Probe] = request.app.state.probes
    results = await asyncio.gather(*(_check(name, probe) for name, probe in probes.items()))
    checks = dict(zip(probes, results, strict=True))
    ready = all(result == "ok" for result in results)
    body = {"status": "ready" if ready else "unavailable", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)


@health.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def prometheus() -> Response:
    body, content_type = metrics.exposition()
    return Response(body, media_type=content_type)


async def _check(name: str, probe: Probe) -> str:
    try:
        await asyncio.wait_for(probe(), PROBE_TIMEOUT_S)
    except Exception as exc:
        log.warning("not ready: %s: %r", name, exc)  # the details stay in the logs
        return "unavailable"
    return "ok"


def service_app(
    name: str, build: Build, *, routers: Sequence[APIRouter] = (), **fastapi: Any
) -> FastAPI:
    """A service's app: health routes, the service's routers, and a lifespan running `build`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            runtime = await build(app, stack)
            app.state.probes = runtime.probes
            tasks = [
                asyncio.create_task(_keep_running(loop), name=_name(loop)) for loop in runtime.loops
            ]
            log.info("%s started", name)
            try:
                yield
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

    app = FastAPI(lifespan=lifespan, telemetry=TELEMETRY, **({"title": name} | fastapi))
    app.state.probes = {}
    app.include_router(health)
    for router in routers:
        app.include_router(router)
    app.add_middleware(ResponseHeaders)  # outermost of the service's own middleware
    return app


async def _keep_running(loop: Loop) -> None:
    """Run a background loop forever: a crash is logged and the loop restarts after a pause."""
    pause = 1.0
    while True:
        began = time.monotonic()
        try:
            await loop()
        except asyncio.CancelledError:
            raise
        except Exception:
            if time.monotonic() - began > HEALTHY_RUN_S:
                pause = 1.0
            log.exception(
                "background loop %s crashed; restarting in %.0fs", loop.__qualname__, pause
            )
        await asyncio.sleep(pause)
        pause = min(pause * 2, 30.0)


def _name(loop: Loop) -> str:
    target = getattr(loop, "func", loop)  # unwrap functools.partial
    return str(getattr(target, "__qualname__", repr(target)))


def run_service(
    name: str, app: FastAPI, settings: ServiceSettings, port: int | None = None
) -> None:
    """Serve `app` with uvicorn (on `port`, else the settings' port); logging and tracing are
    set up first."""
    setup_telemetry(name, settings.telemetry)
    uvicorn.run(
        app,
        host=settings.host,
        port=port or settings.port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=10,
        # longer than clients and load balancers keep idle connections (60 s is common), so the
        # server never closes one just as a client reuses it (uvicorn's default is 5 s)
        timeout_keep_alive=KEEP_ALIVE_S,
        server_header=False,  # no `server: uvicorn` banner
    )
