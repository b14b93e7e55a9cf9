"""A lane reader's records in flight and the commits of those settled.

A partition's offset is committed only up to its oldest record not yet settled; commits run in the
background, so consuming never waits on one.
"""

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError

log = logging.getLogger(__name__)
COMMIT_WITHIN_S = 10.0


@dataclass(eq=False)
class Flight:
    """A record read and not yet settled (handled, ended, or dead-lettered)."""

    tp: TopicPartition
    record: ConsumerRecord
    settle: Callable[[], None]
    settled: bool = False
    forgotten: bool = False
    """Its partition was revoked: the new owner handles it, so it is dropped unless started."""

    def dropped(self) -> bool:
        return self.forgotten


class Offsets:
    """A lane reader's flights, by partition, and the background commits of its Kafka consumer
    (the one it runs now: `bind` it once started)."""

    def __init__(self) -> None:
        self._consumer: AIOKafkaConsumer | None = None
        self._in_flight: dict[TopicPartition, deque[Flight]] = {}
        self._uncommitted: dict[TopicPartition, int] = {}
        self._committing: asyncio.Task[None] | None = None

    def bind(self, consumer: AIOKafkaConsumer) -> None:
        self._consumer = consumer

    def track(self, tp: TopicPartition, record: ConsumerRecord) -> Flight:
        flight = Flight(tp, record, settle=lambda: self._settled(flight))
        self._in_flight.setdefault(tp, deque()).append(flight)
        return flight

    def _settled(self, flight: Flight) -> None:
        flight.settled = True
        flights = self._in_flight.get(flight.tp)
        committable = None
        while flights and flights[0].settled:
            committable = flights.popleft().record.offset + 1
        if committable is not None and not flight.forgotten:
            self._commit({flight.tp: committable})

    def forget(self, revoked: set[TopicPartition]) -> None:
        """Partitions taken away: their records go to their new owner from its committed
        offsets; what has started here finishes but commits nothing for them, and a commit not
        made yet is dropped (made later, it could land on a broker that restarted with an empty
        log, past records nobody read)."""
        for tp in revoked:
            for flight in self._in_flight.pop(tp, ()):
                flight.forgotten = True
            self._uncommitted.pop(tp, None)
        if self._committing is not None and not self._committing.done():
            self._committing.cancel()

    def stop(self) -> None:
        """The consumer stopped: every flight is forgotten, no commit is pending."""
        for flights in self._in_flight.values():
            for flight in flights:
                flight.forgotten = True
        self._in_flight.clear()
        if self._committing is not None:
            self._committing.cancel()

    def _commit(self, settled: dict[TopicPartition, int]) -> None:
        """Commit the settled offsets in the background. aiokafka retries a commit for as long as
        its error is retriable (a topic a restarted broker has not registered again, say);
        meanwhile newer offsets pile up and go with the next commit. An offset not committed only
        means a redelivery, which handlers absorb."""
        self._uncommitted.update(settled)
        if self._committing is None or self._committing.done():
            self._committing = asyncio.create_task(self._commit_now())

    async def _commit_now(self) -> None:
        """Commit, then whatever settled meanwhile, until nothing is left."""
        consumer = self._consumer
        assert consumer is not None  # bound before anything is tracked
        while True:
            assigned = consumer.assignment()  # a revoked partition is no longer ours
            offsets = {tp: o for tp, o in self._uncommitted.items() if tp in assigned}
            self._uncommitted = {}
            if not offsets:
                return
            try:
                await asyncio.wait_for(consumer.commit(offsets), COMMIT_WITHIN_S)
            except (KafkaError, TimeoutError) as exc:
                log.warning("commit failed; offsets go with the next one: %r", exc)
                self._uncommitted = offsets | self._uncommitted
                return
