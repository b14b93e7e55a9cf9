"""A real HTTP server on a free loopback port that answers from a script and records what
arrived: for clients' retries, pagination and stream resumption."""

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass(frozen=True)
class Arrival:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    at: float
    """`time.monotonic()` when it arrived."""


@dataclass
class Script:
    """Answers the n-th request with the n-th answer (a response, or a maker of one)."""

    answers: list[Response | Callable[[], Response]]
    arrivals: list[Arrival] = field(default_factory=list)
    url: str = ""

    async def answer(self, request: Request) -> Response:
        await request.body()
        self.arrivals.append(
            Arrival(
                request.method,
                request.url.path,
                request.url.query,
                dict(request.headers),
                time.monotonic(),
            )
        )
        answer = self.answers.pop(0)
        return answer if isinstance(answer, Response) else answer()


@asynccontextmanager
async def serving(app: Starlette, log_level: str = "warning") -> AsyncIterator[str]:
    """`app` served by uvicorn on a free loopback port for the duration; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level=log_level))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@asynccontextmanager
async def scripted(*answers: Response | Callable[[], Response]) -> AsyncIterator[Script]:
    """A `Script` of `answers` served for the duration."""
    script = Script(list(answers))
    methods = ["GET", "POST", "PUT", "DELETE"]
    app = Starlette(routes=[Route("/{path:path}", script.answer, methods=methods)])
    # a script breaking a stream off on purpose: uvicorn need not log it
    async with serving(app, log_level="critical") as url:
        script.url = url
        yield script
