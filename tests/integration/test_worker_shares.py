"""The worker's slot shares against the real Kafka-protocol broker: the bulk lane leaves slots
for single jobs, and one tenant holds at most its share while another gets through."""

import asyncio
from collections.abc import Callable

from pydantic import TypeAdapter

from contracts.events import JobRequestedEvent
from shared.bus import EventBus, ensure_topics
from shared.consumer.consumer import Consumer
from shared.consumer.subscriptions import Subscription
from shared.settings import KafkaSettings, WorkerSettings
from tests.integration.test_bus_and_worker import FAST, request


class HeldRecords:
    """A handler that holds every record it is given until released, except the one record
    `passes` picks, which it handles at once; it counts how many it held at most."""

    def __init__(self, passes: Callable[[JobRequestedEvent], bool]) -> None:
        self.passes = passes
        self.passed = asyncio.Event()
        self.release = asyncio.Event()
        self.running, self.most, self.done = 0, 0, 0

    async def handle(self, event: JobRequestedEvent) -> None:
        if self.passes(event):
            self.passed.set()
            return
        self.running += 1
        self.most = max(self.most, self.running)
        await self.release.wait()
        self.running -= 1
        self.done += 1

    async def all_done(self, count: int) -> None:
        self.release.set()
        for _ in range(100):
            if self.done == count:
                return
            await asyncio.sleep(0.1)


async def started(
    subscription: Subscription[JobRequestedEvent],
    bus: EventBus,
    kafka: KafkaSettings,
    worker: WorkerSettings,
) -> asyncio.Task[None]:
    consumer = Consumer(subscription, bus=bus, kafka=kafka, worker=worker)
    task = asyncio.create_task(consumer.run())
    await asyncio.wait_for(consumer.joined(), 30)
    return task


async def test_the_bulk_lane_leaves_slots_for_single_jobs(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    """Concurrency 8, bulk share 0.5: ten held bulk records take 4 slots, and a single job
    published after them is handled while they wait."""
    bulk, interactive = f"{topic}.bulk", f"{topic}.interactive"
    assert await ensure_topics(kafka, [bulk, interactive]) == [bulk, interactive]
    held = HeldRecords(passes=lambda event: event.job_id == "job_single")
    subscription = Subscription(
        group=f"group-{topic}",
        topics=[bulk, interactive],
        decode=TypeAdapter(JobRequestedEvent),
        handle=held.handle,
        bulk_topics=frozenset({bulk}),
    )
    task = await started(subscription, bus, kafka, FAST.model_copy(update={"bulk_share": 0.5}))
    for n in range(10):
        await bus.publish(bulk, request(f"job_bulk_{n}"))
    await asyncio.sleep(1.0)  # the bulk records are taken (as many as their share allows)
    await bus.publish(interactive, request("job_single"))
    await asyncio.wait_for(held.passed.wait(), 20)
    assert held.most == 4, "the bulk lane held half the slots, no more"
    await held.all_done(10)
    task.cancel()
    assert held.done == 10


async def test_one_tenant_holds_at_most_its_share_and_another_tenant_gets_through(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    """Concurrency 8, tenant share 0.25: twelve held records of one tenant run two at a time,
    and a record of another tenant published after them is handled while they wait."""
    held = HeldRecords(passes=lambda event: event.tenant_id == "ten_other")
    subscription = Subscription(
        group=f"group-{topic}",
        topics=[topic],
        decode=TypeAdapter(JobRequestedEvent),
        handle=held.handle,
        tenant_caps=True,
    )
    task = await started(subscription, bus, kafka, FAST.model_copy(update={"tenant_share": 0.25}))
    for n in range(12):
        await bus.publish(topic, request(f"job_campaign_{n}", "ten_busy"))
    await bus.publish(topic, request("job_other", "ten_other"))
    await asyncio.wait_for(held.passed.wait(), 20)
    assert (held.most, held.done) == (2, 0), "the busy tenant held two slots and waited for them"
    await held.all_done(12)
    task.cancel()
    assert (held.most, held.done) == (2, 12)
