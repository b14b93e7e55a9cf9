"""Fair slots: how much work of each lane and tenant runs at once.

A worker's consumer admits handled records through one `Slots`, a provider route admits its calls
through another. Interactive work waits ahead of bulk work; bulk work never holds more than its
share, so a single job always finds a slot soon; one tenant never holds more than its cap in one
lane, so one campaign cannot take a whole worker (and its owner's single jobs do not wait behind
it). Among the waiters a free slot may go to, the oldest gets it.
"""

import asyncio
from collections import Counter, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from contracts.topics import Lane
from shared.priority import PRIORITY, InteractiveFirst


@dataclass
class _Waiter:
    tenant: str
    lane: Lane
    admitted: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class Slots:
    """`total` slots; the bulk lane holds at most `bulk`, one tenant at most `per_tenant` in each
    lane."""

    def __init__(
        self,
        total: int,
        *,
        bulk: int | None = None,
        per_tenant: int | None = None,
        bulk_yielding: int | None = None,
        priority: InteractiveFirst = PRIORITY,
    ):
        self.total = total
        self.bulk = min(total, bulk or total)
        self.bulk_yielding = min(self.bulk, bulk_yielding or self.bulk)
        """The bulk lane's most while this process handles interactive work."""
        self._priority = priority
        self.per_tenant = min(total, per_tenant or total)
        self._running: Counter[Lane] = Counter()
        self._by_tenant: Counter[tuple[str, Lane]] = Counter()
        self._waiting: dict[Lane, deque[_Waiter]] = {"interactive": deque(), "bulk": deque()}

    @asynccontextmanager
    async def held(self, tenant: str, lane: Lane) -> AsyncIterator[None]:
        """Hold a slot for the block, waiting for one as long as it takes."""
        waiter = _Waiter(tenant, lane)
        self._waiting[lane].append(waiter)
        self._admit()
        try:
            await waiter.admitted
        except asyncio.CancelledError:
            if waiter.admitted.cancelled():
                if waiter in self._waiting[lane]:
                    self._waiting[lane].remove(waiter)
            else:  # admitted just as it was cancelled: give the slot back
                self._release(waiter)
            raise
        try:
            yield
        finally:
            self._release(waiter)

    def running(self, lane: Lane) -> int:
        return self._running[lane]

    def waiting(self, lane: Lane) -> int:
        return len(self._waiting[lane])

    def _release(self, waiter: _Waiter) -> None:
        self._running[waiter.lane] -= 1
        self._by_tenant[waiter.tenant, waiter.lane] -= 1
        if not self._by_tenant[waiter.tenant, waiter.lane]:
            del self._by_tenant[waiter.tenant, waiter.lane]
        self._admit()

    def _admit(self) -> None:
        """Start every waiter that may start now: interactive ones first, then bulk ones."""
        bulk = self.bulk_yielding if self._priority.interactive_present() else self.bulk
        for lane in ("interactive", "bulk"):
            queue = self._waiting[lane]
            for waiter in list(queue):
                if waiter.admitted.cancelled():  # its task was cancelled while it waited
                    queue.remove(waiter)
                    continue
                if self._running.total() >= self.total:
                    return
                if lane == "bulk" and self._running["bulk"] >= bulk:
                    break
                if self._by_tenant[waiter.tenant, lane] >= self.per_tenant:
                    continue
                queue.remove(waiter)
                self._running[lane] += 1
                self._by_tenant[waiter.tenant, lane] += 1
                waiter.admitted.set_result(None)
