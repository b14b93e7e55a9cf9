"""The one way a service consumes: subscriptions, and the consumers that run them.

A subscription names its consumer group, its topics (the bulk lane's apart), how to decode a
record and how to handle it: `handle` one event at a time (jobs) or `handle_batch` a lane's
events together (projections, billing, the library). Each lane of a subscription is read by its
own Kafka consumer in the group (`shared.reader`), so a campaign's backlog never holds up a single
job's records; how records are handled once read is `shared.dispatch`, with retries, dead
letters and `on_failure` in `shared.handling`. A crash redelivers what was not committed, so
handlers are idempotent by job id / event id: delivery is at-least-once, effects happen once.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter

from contracts.envelope import CloudEvent
from contracts.events import CancelJobEvent, RunJobEvent
from contracts.topics import LANES, Lane, control_topic, work_topic
from shared.bus import EventBus
from shared.clients import Clients
from shared.dispatch import InBatches, OneByOne
from shared.errors import RetryableError, StudioError
from shared.handling import Handling, park
from shared.reader import LaneReader
from shared.service import Loop, Runtime
from shared.settings import KafkaSettings, WorkerSettings

__all__ = ["Consumer", "Subscription", "both_lanes", "consuming_runtime", "park"]

EventT = TypeVar("EventT", bound=CloudEvent[Any])


@dataclass(frozen=True)
class Subscription(Generic[EventT]):
    """What a consumer reads and what it does with each record (`handle`) or with a lane's
    records together (`handle_batch`): exactly one of the two.

    `on_failure` runs once an event is given up on: at once for a `PermanentError`, after
    dead-lettering when retries are exhausted. Job workers use it to end the job `failed`.
    """

    group: str
    topics: list[str]
    decode: TypeAdapter[EventT]
    handle: Callable[[EventT], Awaitable[None]] | None = None
    on_failure: Callable[[EventT, StudioError], Awaitable[None]] | None = None
    bulk_topics: frozenset[str] = frozenset()
    """Topics of the bulk lane: read apart; one by one they hold at most `bulk_share` of the
    slots."""
    tenant_caps: bool = False
    """Whether one tenant's records hold at most `tenant_share` of the slots (one by one)."""
    handle_batch: Callable[[list[EventT]], Awaitable[None]] | None = None
    wanted: Callable[[str, str | None], bool] | None = None
    """Which records are handled, by topic and CloudEvents type (the `ce_type` header); the
    others are settled unread. All of them when None."""

    def __post_init__(self) -> None:
        if (self.handle is None) == (self.handle_batch is None):
            raise ValueError(f"{self.group}: give exactly one of handle and handle_batch")

    def lanes(self) -> dict[Lane, list[str]]:
        """Each lane's topics (a lane without topics is left out)."""
        lanes: dict[Lane, list[str]] = {
            "interactive": [topic for topic in self.topics if topic not in self.bulk_topics],
            "bulk": [topic for topic in self.topics if topic in self.bulk_topics],
        }
        return {lane: topics for lane, topics in lanes.items() if topics}


def both_lanes(topic_of: Callable[[Lane], str]) -> tuple[list[str], frozenset[str]]:
    """A laned topic's two topics, and its bulk one: a `Subscription`'s `topics` and
    `bulk_topics`."""
    return [topic_of(lane) for lane in LANES], frozenset({topic_of("bulk")})


def work_subscription(
    service: str,
    handle: Callable[[RunJobEvent], Awaitable[None]],
    on_failure: Callable[[RunJobEvent, StudioError], Awaitable[None]],
) -> Subscription[RunJobEvent]:
    """A worker service's jobs: both lanes of its work topic, in one consumer group."""
    topics, bulk = both_lanes(partial(work_topic, service))
    return Subscription(
        group=service,
        topics=topics,
        decode=TypeAdapter(RunJobEvent),
        handle=handle,
        on_failure=on_failure,
        bulk_topics=bulk,
        tenant_caps=True,
    )


def control_subscription(
    service: str, cancel: Callable[[CancelJobEvent], Awaitable[None]]
) -> Subscription[CancelJobEvent]:
    """A worker service's control commands (cancel), in their own consumer group."""
    return Subscription(
        group=f"{service}-control",
        topics=[control_topic(service)],
        decode=TypeAdapter(CancelJobEvent),
        handle=cancel,
    )


class Consumer(Generic[EventT]):
    """Runs one subscription in its consumer group (a reader per lane) until cancelled."""

    def __init__(
        self,
        subscription: Subscription[EventT],
        *,
        bus: EventBus,
        kafka: KafkaSettings,
        worker: WorkerSettings,
    ) -> None:
        self.subscription = subscription
        self._kafka = kafka
        self._worker = worker
        sub = subscription
        self._handling = Handling(sub.group, sub.decode, sub.wanted, sub.on_failure, bus, worker)
        self._readers: list[LaneReader] = []
        self._reading = asyncio.Event()

    async def run(self) -> None:
        """Consume until cancelled; a handler that breaks down stops it (the service restarts
        it, and what was not committed is read again)."""
        dispatcher = self._dispatcher()
        self._readers = [
            LaneReader(self.subscription.group, lane, topics, dispatcher, self._kafka, self._worker)
            for lane, topics in self.subscription.lanes().items()
        ]
        self._reading.set()
        try:
            async with asyncio.TaskGroup() as group:
                for reader in self._readers:
                    group.create_task(reader.run())
                group.create_task(_raise(dispatcher.broken()))
        finally:
            self._reading.clear()
            await dispatcher.close()

    def _dispatcher(self) -> OneByOne[EventT] | InBatches[EventT]:
        sub = self.subscription
        if sub.handle_batch is not None:
            return InBatches(sub.handle_batch, self._handling, self._worker)
        assert sub.handle is not None
        return OneByOne(sub.group, sub.handle, self._handling, self._worker, sub.tenant_caps)

    async def joined(self) -> None:
        """Wait until every lane's reader has joined the group (its assignment may be empty)."""
        await self._reading.wait()
        await asyncio.gather(*(reader.joined.wait() for reader in self._readers))

    async def ready(self) -> None:
        """Readiness probe: raises until every lane's reader joined the group."""
        if not self._readers or not all(reader.joined.is_set() for reader in self._readers):
            raise RetryableError("bus_unavailable", f"{self.subscription.group} has not joined yet")


async def _raise(failure: Awaitable[BaseException]) -> None:
    raise await failure


def consuming_runtime(
    clients: Clients,
    subscriptions: Sequence[Subscription[Any]],
    *,
    kafka: KafkaSettings,
    worker: WorkerSettings,
    loops: Sequence[Loop] = (),
) -> Runtime:
    """The runtime of a service that consumes: one consumer per subscription, each a readiness
    probe (joined its group) and a loop, beside the clients' probes and any other loops."""
    consumers = [
        Consumer(sub, bus=clients.bus, kafka=kafka, worker=worker) for sub in subscriptions
    ]
    probes = clients.probes | {f"consumer:{c.subscription.group}": c.ready for c in consumers}
    return Runtime(probes=probes, loops=[*(c.run for c in consumers), *loops])
