"""Tailing a topic: every record written to it from now on, read by every instance that tails
it (no consumer group, nothing committed). What a process keeps only in memory, such as the
clients connected to it, is fed this way: each projector tails the events any projector stored,
so a client sees its tenant's events whichever projector it is connected to.

"From now on" is by offset and by time: records stamped before the tail started are skipped,
for a broker whose end offset falls short of the true end (Tansu: by up to a batch).

It parks between records as the group readers do (`shared.consumer.reader`): with doorbells no
fetch stays in flight until a producer rings; with Apache Kafka the next fetch long-polls.

A broker that lost its log (Tansu, restarted) answers a fetch past the new log's end with nothing,
where Kafka answers out-of-range (which `auto_offset_reset` handles): `LostLogs` tells such a
partition, which is then read again from its start.
"""

import asyncio
import logging
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from shared.bus import connection_options
from shared.consumer.lost_logs import LostLogs
from shared.consumer.reader import FETCH_MARGIN_MS, LONG_POLL_MS, ends_and_positions
from shared.doorbell import Bell
from shared.retry import startup_retry
from shared.settings import KafkaSettings

log = logging.getLogger(__name__)
TAIL_BATCH = 500

Handle = Callable[[list[ConsumerRecord[bytes, bytes]]], None]
"""Takes what was read (at once: it runs on the reading loop)."""


@dataclass
class Tail:
    topic: str
    kafka: KafkaSettings
    handle: Handle
    client_id: str
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once it reads from the end: what is written from then on reaches `handle`."""
    _started_ms: int = 0
    _lost_logs: LostLogs = field(default_factory=LostLogs)

    async def run(self) -> None:
        """Read from the topic's end until cancelled."""
        consumer = AIOKafkaConsumer(
            **connection_options(self.kafka),
            group_id=None,
            client_id=self.client_id,
            enable_auto_commit=False,
            # only after a position past the log's end (a broker that lost its log, as Tansu
            # does on a restart): then everything on the new log is new
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self.kafka.fetch_max_wait_ms,
        )
        async with AsyncExitStack() as stack:
            async for attempt in startup_retry("kafka"):
                with attempt:
                    await consumer.start()
            stack.push_async_callback(consumer.stop)
            bell = None
            if self.kafka.doorbell_dir is not None:
                bell = Bell(self.kafka.doorbell_dir)
                bell.open()
                stack.callback(bell.close)
            await self._from_the_end(consumer)
            await self._loop(consumer, bell)

    async def _from_the_end(self, consumer: AIOKafkaConsumer) -> None:
        self._started_ms = int(time.time() * 1000)
        await consumer.topics()  # metadata of every topic, this one's partitions among them
        partitions = sorted(consumer.partitions_for_topic(self.topic) or ())
        if not partitions:
            raise RuntimeError(f"{self.topic} does not exist (provisioning creates it)")
        assigned = [TopicPartition(self.topic, partition) for partition in partitions]
        consumer.assign(assigned)
        await consumer.seek_to_end(*assigned)
        for partition in assigned:  # resolve the end now, so nothing written after is skipped
            self._lost_logs.highest_end[partition] = await consumer.position(partition)
        self.ready.set()
        log.info("tailing %s (%d partitions) from its end", self.topic, len(assigned))

    async def _loop(self, consumer: AIOKafkaConsumer, bell: Bell | None) -> None:
        wait_ms = self.kafka.fetch_max_wait_ms + FETCH_MARGIN_MS if bell else LONG_POLL_MS
        assigned = list(consumer.assignment())
        while True:
            consumer.resume(*assigned)
            batches = await consumer.getmany(timeout_ms=wait_ms, max_records=TAIL_BATCH)
            records = [
                record
                for part in batches.values()
                for record in part
                if record.timestamp >= self._started_ms
            ]
            if records:
                self.handle(records)
            if sum(map(len, batches.values())) < TAIL_BATCH and bell is not None:
                consumer.pause(*assigned)  # no fetch in flight while parked
                await self._park(consumer, bell)

    async def _park(self, consumer: AIOKafkaConsumer, bell: Bell) -> None:
        with bell.linked([self.topic]):
            if await self._unread(consumer) is False:
                await bell.wait(self.kafka.parked_check_s)

    async def _unread(self, consumer: AIOKafkaConsumer) -> bool | None:
        """Whether records wait past the position (None: the broker cannot tell now). Tansu
        reports an end short by up to a batch, never past a reader that has not read it."""
        offsets = await ends_and_positions(consumer)
        if offsets is None:
            return None
        ends, positions = offsets
        if await self._lost_logs.reread(consumer, ends, positions):
            return True
        return any(ends[tp] > positions[tp] for tp in positions)
