"""Waiting for a provider's asynchronous job, as every asynchronous adapter does: poll until it
is done, within the routing deadline. A poll that fails transiently is polled again after the
provider's Retry-After: submitting anew would pay twice."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from shared.providers.base import ProviderError, Recovery
from shared.providers.settings import RoutingSettings

T = TypeVar("T")
Waiting = Callable[[float], Awaitable[None]]
"""Told the seconds since submission at each poll of a running job."""


async def until_done(
    poll: Callable[[], Awaitable[T | None]],
    routing: RoutingSettings,
    what: str,
    waiting: Waiting | None = None,
) -> T:
    """What `poll` answers once the job is done (it answers None while the job runs). Past the
    deadline the `what` (a "prediction", a "generation") falls back as `<what>_timeout`."""
    submitted = time.monotonic()
    deadline = submitted + routing.async_deadline_s
    pause = routing.poll_interval_s
    while time.monotonic() + pause <= deadline:
        await asyncio.sleep(pause)
        if waiting is not None:
            await waiting(time.monotonic() - submitted)
        try:
            done = await poll()
        except ProviderError as failure:
            if failure.recovery is not Recovery.RETRY:
                raise
            pause = max(routing.poll_interval_s, failure.retry_after_s or 0.0)
            continue
        if done is not None:
            return done
        pause = routing.poll_interval_s
    raise ProviderError(
        f"{what}_timeout",
        f"{what} not done after {routing.async_deadline_s:.0f}s",
        recovery=Recovery.FALLBACK,
    )
