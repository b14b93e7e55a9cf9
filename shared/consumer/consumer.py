"""Running a subscription: a consumer per subscription, and the runtime of a service that consumes.

Each lane of a subscription is read by its own Kafka consumer in the group
(`shared.consumer.reader`, committing through `commits`), so a campaign's backlog never holds up a
single job's records; records read are handled `one_by_one` or `in_batches`, decoded by `decoding`
and retried or given up on by `retries`. A crash redelivers what was not committed, so handlers
are idempotent by job id / event id: delivery is at-least-once, effects happen once.
"""

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any, Generic, TypeVar

from contracts.envelope import CloudEvent
from shared.bus import EventBus
from shared.clients import Clients
from shared.consumer.decoding import Decoder
from shared.consumer.in_batches import InBatches
from shared.consumer.one_by_one import OneByOne
from shared.consumer.reader import LaneReader
from shared.consumer.retries import Retries
from shared.consumer.subscriptions import Subscription
from shared.errors import RetryableError
from shared.service import Loop, Runtime
from shared.settings import KafkaSettings, WorkerSettings

EventT = TypeVar("EventT", bound=CloudEvent[Any])


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
        self._decoder = Decoder(sub.group, sub.decode, sub.wanted, bus)
        self._retries = Retries(sub.group, self._decoder, sub.on_failure, worker)
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
            return InBatches(sub.handle_batch, self._decoder, self._retries, self._worker)
        assert sub.handle is not None
        return OneByOne(
            sub.group, sub.handle, self._decoder, self._retries, self._worker, sub.tenant_caps
        )

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
