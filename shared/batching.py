"""Group commit: what concurrent callers write goes to the database together.

A caller hands in one item and waits for its own result. The first item starts a write at once;
items that arrive while a write runs wait for it, then go together in the next one. So an idle
service writes each item as it comes (no timer, no added latency) and a busy one writes in bulk,
one round trip for many callers. A write runs to its end even if a caller stops waiting: the
others' items ride on it.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")

Write = Callable[[list[ItemT]], Awaitable[Sequence[ResultT | BaseException]]]
"""Writes items together; one result (or the error of that item) per item, in order."""


@dataclass
class _Waiting(Generic[ItemT, ResultT]):
    item: ItemT
    result: asyncio.Future[ResultT] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class GroupCommit(Generic[ItemT, ResultT]):
    """One writer for items of many callers; at most `max_items` per write."""

    def __init__(self, write: Write[ItemT, ResultT], max_items: int = 1000) -> None:
        self._write = write
        self._max = max_items
        self._queue: list[_Waiting[ItemT, ResultT]] = []
        self._writer: asyncio.Task[None] | None = None

    async def submit(self, item: ItemT) -> ResultT:
        """Write `item` (with whatever else is waiting) and return its result."""
        waiting: _Waiting[ItemT, ResultT] = _Waiting(item)
        self._queue.append(waiting)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        return await waiting.result

    async def _drain(self) -> None:
        while self._queue:
            group, self._queue = self._queue[: self._max], self._queue[self._max :]
            try:
                results = await self._write([waiting.item for waiting in group])
            except Exception as exc:
                results = [exc] * len(group)
            for waiting, result in zip(group, results, strict=True):
                if waiting.result.done():  # its caller stopped waiting
                    continue
                if isinstance(result, BaseException):
                    waiting.result.set_exception(result)
                else:
                    waiting.result.set_result(result)
