"""A webhook endpoint for tests: a real HTTP server recording what it receives."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.support.scripted import serving


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
    app = Starlette(routes=[Route("/hook", found.hook, methods=["POST"])])
    async with serving(app) as url:
        found.url = f"{url}/hook"
        yield found
