"""Handling a lane's records together (projections, billing, the library): up to `batch_max` at a
time, one batch after the other; the two lanes run side by side, so a campaign's batch never holds
up a single job's.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from contracts.envelope import CloudEvent
from contracts.topics import Lane
from shared import metrics
from shared.consumer.commits import Flight
from shared.consumer.decoding import Decoder, Delivered
from shared.consumer.retries import Retries
from shared.priority import PRIORITY
from shared.settings import WorkerSettings

EventT = TypeVar("EventT", bound=CloudEvent[Any])


class InBatches(Generic[EventT]):
    def __init__(
        self,
        handle: Callable[[list[EventT]], Awaitable[None]],
        decoder: Decoder[EventT],
        retries: Retries[EventT],
        worker: WorkerSettings,
    ) -> None:
        self._handle = handle
        self._decoder = decoder
        self._retries = retries
        self._max: dict[Lane, int] = {
            "interactive": worker.batch_max,
            "bulk": worker.bulk_batch_max,
        }
        self._pause_ratio = worker.bulk_pause_ratio

    def room(self, lane: Lane) -> int:
        return self._max[lane]

    async def room_freed(self, lane: Lane, timeout_s: float) -> None:
        return

    async def broken(self) -> BaseException:
        """Never: a batch's failures are handled (retried, isolated, dead-lettered)."""
        never: asyncio.Future[BaseException] = asyncio.get_running_loop().create_future()
        return await never

    async def take(self, lane: Lane, flights: list[Flight]) -> None:
        """Handle the lane's records together (decoded first; poison and unwanted types are
        settled at once), then settle them all."""
        batch = []
        for flight in flights:
            event = await self._decoder.decode(flight.record, carry_trace=True)
            if event is not None:
                batch.append(Delivered(flight.record, event))
        seconds = 0.0
        if lane == "interactive":
            PRIORITY.interactive_seen()
        if batch:
            started = time.monotonic()
            outcome = await self._retries.batch(batch, self._handle)
            seconds = time.monotonic() - started
            for topic, count in _by_topic(batch).items():
                metrics.RECORDS_HANDLED.labels(topic, outcome).inc(count)
                metrics.RECORD_SECONDS.labels(topic).observe(seconds)
        for flight in flights:
            flight.settle()
        if lane == "interactive":
            PRIORITY.interactive_seen()
        else:
            await PRIORITY.after_bulk(seconds, self._pause_ratio)

    async def close(self) -> None:
        return


def _by_topic(batch: list[Delivered[Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for delivered in batch:
        counts[delivered.record.topic] = counts.get(delivered.record.topic, 0) + 1
    return counts
