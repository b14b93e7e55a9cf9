"""Batch handlers against the real broker: a lane's records go to the handler together, a
parked consumer is woken by the producer's doorbell, and one bad record in a batch is
dead-lettered while the others are handled."""

import asyncio
import uuid

import pytest
from pydantic import TypeAdapter

from contracts.events import JobRequestedEvent
from shared.bus import EventBus, ensure_topics
from shared.consumer.subscriptions import Subscription
from shared.settings import KafkaSettings
from tests.integration.test_bus_and_worker import dead_letters_of, request, running
from tests.support.stack import RunningStack


@pytest.fixture
def kafka(stack: RunningStack) -> KafkaSettings:
    """The stack's settings, with parked consumers never looking on their own: only a
    doorbell wakes them within a test's time."""
    settings = stack.local.kafka_settings()
    assert settings.doorbell_dir is not None, "the local stack runs with doorbells"
    return settings.model_copy(update={"parked_check_s": 3600.0})


@pytest.fixture
async def topic(kafka: KafkaSettings) -> str:
    name = f"test.batch.{uuid.uuid4().hex[:8]}"
    assert await ensure_topics(kafka, [name]) == [name]
    return name


async def consume_batches(
    kafka: KafkaSettings, bus: EventBus, topic: str, handle: "BatchHandler"
) -> asyncio.Task[None]:
    subscription = Subscription(
        group=f"group-{topic}",
        topics=[topic],
        decode=TypeAdapter(JobRequestedEvent),
        handle_batch=handle,
    )
    return await running(subscription, kafka, bus)


class BatchHandler:
    """Records the batches it gets; fails a batch holding `bad` (every time)."""

    def __init__(self, expect: int, bad: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.handled: set[str] = set()
        self.bad = bad
        self.expect = expect
        self.all_in = asyncio.Event()

    async def __call__(self, events: list[JobRequestedEvent]) -> None:
        ids = [event.job_id for event in events]
        self.batches.append(ids)
        if self.bad in ids:
            raise ValueError(f"cannot handle {self.bad}")
        self.handled.update(ids)
        if len(self.handled) >= self.expect:
            self.all_in.set()


async def test_a_parked_consumer_is_rung_and_gets_the_records_together(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    handler = BatchHandler(expect=40)
    task = await consume_batches(kafka, bus, topic, handler)
    await asyncio.sleep(1)  # nothing to read: it parks (and would stay parked for an hour)
    ids = [f"job_{topic}_{n}" for n in range(40)]
    await bus.publish_all([(topic, request(job_id)) for job_id in ids])
    await asyncio.wait_for(handler.all_in.wait(), 20)
    task.cancel()
    assert handler.handled == set(ids)
    assert len(handler.batches) < len(ids), "records read together go to the handler together"


async def test_one_bad_record_is_dead_lettered_and_the_rest_of_its_batch_handled(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    ids = [f"job_{topic}_{n}" for n in range(10)]
    bad = ids[4]
    handler = BatchHandler(expect=9, bad=bad)
    task = await consume_batches(kafka, bus, topic, handler)
    await bus.publish_all([(topic, request(job_id)) for job_id in ids])
    await asyncio.wait_for(handler.all_in.wait(), 30)
    parked = await dead_letters_of(kafka, bad, expect=1)
    task.cancel()
    assert handler.handled == set(ids) - {bad}
    assert [p.data.code for p in parked] == ["internal_error"]
    assert f"cannot handle {bad}" in parked[0].data.message
