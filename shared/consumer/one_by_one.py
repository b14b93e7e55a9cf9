"""Handling a lane's records one by one (jobs: a provider call may take minutes): each record in
its own task, up to `concurrency` at once, records of one key in order. Slots are shared fairly
(`shared.slots`): the bulk lane holds at most its share and, on work topics, one tenant at most its
cap; a lane reads ahead (up to `concurrency` records more) so records of other tenants are seen
while a capped one waits.
"""

import asyncio
import contextlib
import math
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, Generic, TypeVar

from opentelemetry import trace

from contracts.envelope import CloudEvent
from contracts.topics import LANES, Lane
from shared import metrics
from shared.consumer.commits import Flight
from shared.consumer.decoding import Decoder, Delivered
from shared.consumer.retries import Retries
from shared.priority import PRIORITY
from shared.settings import WorkerSettings
from shared.slots import Slots
from shared.telemetry import context_from_headers, log_context, tracer

EventT = TypeVar("EventT", bound=CloudEvent[Any])


class OneByOne(Generic[EventT]):
    def __init__(
        self,
        group: str,
        handle: Callable[[EventT], Awaitable[None]],
        decoder: Decoder[EventT],
        retries: Retries[EventT],
        worker: WorkerSettings,
        tenant_caps: bool,
    ) -> None:
        self._group = group
        self._handle = handle
        self._decoder = decoder
        self._retries = retries
        bulk_slots = math.ceil(worker.bulk_share * worker.concurrency)
        tenant_slots = math.ceil(worker.tenant_share * worker.concurrency)
        self._slots = Slots(
            worker.concurrency,
            bulk=bulk_slots,
            bulk_yielding=math.ceil(bulk_slots / (1 + worker.bulk_pause_ratio)),
            per_tenant=tenant_slots if tenant_caps else None,
        )
        self._buffer = {
            "interactive": 2 * worker.concurrency,
            "bulk": bulk_slots + worker.concurrency,
        }
        self._tasks: dict[Lane, set[asyncio.Task[None]]] = {lane: set() for lane in LANES}
        self._last_of_key: dict[bytes | None, asyncio.Task[None]] = {}
        self._freed = asyncio.Event()
        self._failure: asyncio.Future[BaseException] = asyncio.get_running_loop().create_future()

    def room(self, lane: Lane) -> int:
        everything = 2 * self._slots.total - sum(len(tasks) for tasks in self._tasks.values())
        return min(everything, self._buffer[lane] - len(self._tasks[lane]))

    async def room_freed(self, lane: Lane, timeout_s: float) -> None:
        self._freed.clear()
        if self.room(lane) <= 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._freed.wait(), timeout_s)

    async def broken(self) -> BaseException:
        """Wait until a handler breaks down (an error escaped the handling): the consumer then
        stops, and what it held is redelivered to a fresh one."""
        return await asyncio.shield(self._failure)

    async def take(self, lane: Lane, flights: list[Flight]) -> None:
        for flight in flights:
            key = flight.record.key
            before = self._last_of_key.get(key)
            task = asyncio.create_task(self._run(lane, flight, before))
            self._last_of_key[key] = task
            self._tasks[lane].add(task)
            task.add_done_callback(partial(self._done, flight, key, lane))
        self._report_slots()

    async def close(self) -> None:
        """Abandon what runs (it is redelivered: nothing of it was committed)."""
        tasks = [task for lane in LANES for task in self._tasks[lane]]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for lane in LANES:
            self._tasks[lane].clear()
        self._last_of_key.clear()

    async def _run(self, lane: Lane, flight: Flight, before: asyncio.Task[None] | None) -> None:
        if before is not None:
            await asyncio.wait([before])
        if flight.dropped():
            return
        record = flight.record
        event = await self._decoder.decode(record, carry_trace=False)
        if event is None:
            return
        if lane == "interactive":
            PRIORITY.interactive_seen()
        async with self._slots.held(event.tenant_id, lane):
            if flight.dropped():  # revoked while it waited for a slot
                return
            started = time.monotonic()
            span = f"{self._group} {event.type}"
            with (
                tracer.start_as_current_span(
                    span, context=context_from_headers(record.headers), kind=trace.SpanKind.CONSUMER
                ),
                log_context(job_id=event.job_id, tenant_id=event.tenant_id, event_id=event.id),
            ):
                outcome = await self._retries.one(Delivered(record, event), self._handle)
        if lane == "interactive":
            PRIORITY.interactive_seen()
        metrics.RECORDS_HANDLED.labels(record.topic, outcome).inc()
        metrics.RECORD_SECONDS.labels(record.topic).observe(time.monotonic() - started)

    def _done(
        self, flight: Flight, key: bytes | None, lane: Lane, task: asyncio.Task[None]
    ) -> None:
        self._tasks[lane].discard(task)
        if self._last_of_key.get(key) is task:
            del self._last_of_key[key]
        self._freed.set()
        if task.cancelled():
            return
        if (failure := task.exception()) is not None:
            if not self._failure.done():
                self._failure.set_result(failure)
            return
        flight.settle()

    def _report_slots(self) -> None:
        for lane in LANES:
            metrics.WORKER_SLOTS.labels(self._group, lane, "running").set(self._slots.running(lane))
            metrics.WORKER_SLOTS.labels(self._group, lane, "waiting").set(self._slots.waiting(lane))
