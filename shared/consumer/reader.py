"""Reading one lane of a subscription: a Kafka consumer in the subscription's group that fetches
when there may be records, hands them on, and commits what was settled.

A fetch takes what the broker has for the reader's partitions (up to the room its dispatcher
leaves). With nothing more to read the reader parks: with doorbells (Tansu) no fetch stays in
flight until a producer rings or `parked_check_s` passes; with Apache Kafka the next fetch simply
long-polls. What was settled is committed by `shared.consumer.commits`.
"""

import asyncio
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Protocol

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import IllegalStateError, KafkaError

from contracts.topics import Lane
from shared import metrics
from shared.bus import connection_options
from shared.consumer.commits import Flight, Offsets
from shared.consumer.lost_logs import ByPartition, LostLogs
from shared.doorbell import Bell
from shared.retry import startup_retry
from shared.settings import KafkaSettings, WorkerSettings

LONG_POLL_MS = 1000
FETCH_MARGIN_MS = 10
FETCHER_TIMER_MS = 5000


class Dispatcher(Protocol):
    """Where a reader hands its records: how many it may take now, and taking them."""

    def room(self, lane: Lane) -> int: ...

    async def room_freed(self, lane: Lane, timeout_s: float) -> None: ...

    async def take(self, lane: Lane, flights: list[Flight]) -> None: ...


@dataclass
class LaneReader:
    group: str
    lane: Lane
    topics: Sequence[str]
    dispatcher: Dispatcher
    kafka: KafkaSettings
    worker: WorkerSettings
    joined: asyncio.Event = field(default_factory=asyncio.Event)
    _offsets: Offsets = field(default_factory=Offsets)
    _lost_logs: LostLogs = field(default_factory=LostLogs)
    _bell: Bell | None = None

    async def run(self) -> None:
        """Read until cancelled (a fresh Kafka consumer each time it is started)."""
        self._consumer = self._connect()
        async with AsyncExitStack() as stack:
            async for attempt in startup_retry("kafka"):
                with attempt:
                    await self._consumer.start()
            self._offsets.bind(self._consumer)
            stack.push_async_callback(self._consumer.stop)
            if self.kafka.doorbell_dir is not None:
                self._bell = Bell(self.kafka.doorbell_dir)
                self._bell.open()
                stack.callback(self._bell.close)
            stack.callback(self._stopped)
            await self._loop()

    def _connect(self) -> AIOKafkaConsumer:
        consumer = AIOKafkaConsumer(
            **connection_options(self.kafka),
            group_id=self.group,
            client_id=f"{self.group}-{self.lane}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_interval_ms=self.worker.max_poll_interval_ms,
            session_timeout_ms=self.worker.session_timeout_ms,
            heartbeat_interval_ms=max(1000, self.worker.session_timeout_ms // 3),
            fetch_max_wait_ms=self.kafka.fetch_max_wait_ms,
            # aiokafka's fetch routine also wakes on this timer; ours resumes it when it should
            # fetch and a rebalance wakes it anyway, so a short one only burns CPU when idle
            consumer_timeout_ms=FETCHER_TIMER_MS,
        )
        consumer.subscribe(list(self.topics), listener=_Rebalance(self))
        return consumer

    async def _loop(self) -> None:
        while True:
            room = self.dispatcher.room(self.lane)
            if room <= 0:
                await self._wait_for_room()
                continue
            flights = await self._fetch(room)
            if flights:
                await self.dispatcher.take(self.lane, flights)
            if len(flights) < room:  # a full fetch may have left records in the buffer
                await self._park()

    async def _fetch(self, room: int) -> list[Flight]:
        """What the broker has now, at most `room` records. Partitions stay paused between
        fetches (no fetch in flight while parked) unless records may be left in the buffer."""
        assigned = self._consumer.assignment()
        self._consumer.resume(*assigned)
        wait_ms = self.kafka.fetch_max_wait_ms + FETCH_MARGIN_MS if self._bell else LONG_POLL_MS
        batches = await self._consumer.getmany(timeout_ms=wait_ms, max_records=room)
        flights = [
            self._offsets.track(tp, record) for tp, records in batches.items() for record in records
        ]
        if len(flights) < room:
            self._consumer.pause(*self._consumer.assignment())
        if flights:
            await self._report_lag()
        return flights

    async def _park(self) -> None:
        """Return when there may be records to read: at once if the broker has some past our
        position, else (with doorbells) when rung, interrupted or after `parked_check_s`."""
        if self._bell is None:
            return  # Apache Kafka: the next fetch long-polls
        with self._bell.linked(self.topics):
            if await self._behind():
                return
            await self._bell.wait(self.kafka.parked_check_s)

    async def _behind(self) -> bool:
        """Whether any of our partitions has records past our position. A partition whose log
        the broker lost is read again from its start: its group is gone too, but until the
        reader rejoins (a heartbeat away) its old position sits past the new log's end, and
        what is redelivered meanwhile would be skipped. Handlers absorb records read twice."""
        offsets = await ends_and_positions(self._consumer)
        if offsets is None:
            return True
        ends, positions = offsets
        lost = await self._lost_logs.reread(self._consumer, ends, positions)
        if lost:
            self._offsets.forget(set(lost))
            return True
        for tp in positions:
            lag = max(0, ends[tp] - positions[tp])
            metrics.CONSUMER_LAG.labels(self.group, tp.topic, tp.partition).set(lag)
        return any(ends[tp] > positions[tp] for tp in positions)

    async def _wait_for_room(self) -> None:
        """Every slot busy: wait for one. A consumer that does not poll for
        `max_poll_interval_ms` leaves its group, so now and then it polls with every partition
        paused (fetching nothing)."""
        await self.dispatcher.room_freed(self.lane, self.worker.max_poll_interval_ms / 4000)
        if self.dispatcher.room(self.lane) <= 0:
            self._consumer.pause(*self._consumer.assignment())
            await self._consumer.getmany(timeout_ms=1)

    def forget(self, revoked: set[TopicPartition]) -> None:
        """Partitions taken away (see `Offsets.forget`); stop parking."""
        self._offsets.forget(revoked)
        self._lost_logs.forget(revoked)
        self.interrupt()

    def interrupt(self) -> None:
        """Stop parking (a rebalance, room freed)."""
        if self._bell is not None:
            self._bell.interrupt()

    def _stopped(self) -> None:
        self.joined.clear()
        self._offsets.stop()

    async def _report_lag(self) -> None:
        for tp in self._consumer.assignment():
            end = self._consumer.highwater(tp)
            if end is None:
                continue
            try:
                position = await self._consumer.position(tp)
            except IllegalStateError:  # revoked by a rebalance meanwhile
                continue
            lag = max(0, end - position)
            metrics.CONSUMER_LAG.labels(self.group, tp.topic, tp.partition).set(lag)


async def ends_and_positions(consumer: AIOKafkaConsumer) -> tuple[ByPartition, ByPartition] | None:
    """The end offset and the consumer's position of each of its partitions; None when that
    cannot be told now (revoked meanwhile, or the broker is away)."""
    assigned = list(consumer.assignment())
    try:
        ends = await consumer.end_offsets(assigned) if assigned else {}
        positions = {tp: await consumer.position(tp) for tp in assigned}
    except (IllegalStateError, KafkaError):
        return None
    return ends, positions


class _Rebalance(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, reader: LaneReader) -> None:
        self._reader = reader

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        self._reader.forget(set(revoked))

    async def on_partitions_assigned(self, assigned: object) -> None:
        self._reader.joined.set()
        self._reader.interrupt()
