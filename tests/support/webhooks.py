"""A webhook endpoint for tests: a real HTTP server recording what it receives."""

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass
class Receiver:
    """A webhook endpoint that fails its first `failures` deliveries."""

    failures: int
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def hook(self, request: Request) -> Response:
        self.received.append((dict(request.headers), await request.body()))
        self.arrived.set()
        return Response(status_code=500 if len(self.received) <= self.failures else 204)

    async def until(self, count: int, timeout_s: float = 30) -> None:
        async def wait() -> None:
            while len(self.received) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(wait(), timeout_s)


@asynccontextmanager
async def serving_receiver(failures: int = 0) -> AsyncIterator[Receiver]:
    """A `Receiver` served on a free loopback port for the duration."""
    found = Receiver(failures=failures)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = Starlette(routes=[Route("/hook", found.hook, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
        await asyncio.sleep(0.01)
    found.url = f"http://127.0.0.1:{port}/hook"
    try:
        yield found
    finally:
        server.should_exit = True
        await task
