"""The bus and the worker loop against the real Kafka-protocol broker (slot shares:
`test_worker_shares`)."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from pydantic import TypeAdapter

from contracts.events import DeadLetteredEvent, JobRequested, JobRequestedEvent
from contracts.topics import DEAD_LETTERS
from shared.bus import EventBus, ensure_topics
from shared.consumer.consumer import Consumer
from shared.consumer.subscriptions import Subscription
from shared.errors import PermanentError, RetryableError, StudioError
from shared.settings import KafkaSettings, WorkerSettings
from tests.support.bus import read_to_end

FAST = WorkerSettings(concurrency=8, max_attempts=3, retry_backoff_s=0.05, session_timeout_ms=6000)


def request(job_id: str, tenant_id: str = "ten_test") -> JobRequestedEvent:
    return JobRequestedEvent(
        id=f"{job_id}:requested",
        source="/tests",
        tenant_id=tenant_id,
        job_id=job_id,
        data=JobRequested(kind="generate", params={}, submitted_at=datetime.now(UTC)),
    )


Handler = Callable[[JobRequestedEvent], Awaitable[None]]


async def consume(
    kafka: KafkaSettings,
    bus: EventBus,
    topic: str,
    handle: Handler,
    on_failure: Callable[[JobRequestedEvent, StudioError], Awaitable[None]] | None = None,
) -> asyncio.Task[None]:
    subscription = Subscription(
        group=f"group-{topic}",
        topics=[topic],
        decode=TypeAdapter(JobRequestedEvent),
        handle=handle,
        on_failure=on_failure,
    )
    return await running(subscription, kafka, bus)


async def running(
    subscription: Subscription[JobRequestedEvent], kafka: KafkaSettings, bus: EventBus
) -> asyncio.Task[None]:
    """A consumer of `subscription`, running once it has joined its group."""
    consumer = Consumer(subscription, bus=bus, kafka=kafka, worker=FAST)
    task = asyncio.create_task(consumer.run())
    await asyncio.wait_for(consumer.joined(), 30)
    return task


async def dead_letters_of(
    kafka: KafkaSettings, job_id: str, expect: int = 0
) -> list[DeadLetteredEvent]:
    """The job's dead letters, waiting for `expect` of them to arrive (a produce Tansu leaves
    unanswered is sent again after the producer's 10 s request timeout)."""
    for _ in range(40):
        consumer = AIOKafkaConsumer(
            DEAD_LETTERS, bootstrap_servers=kafka.bootstrap_servers, auto_offset_reset="earliest"
        )
        await consumer.start()
        try:
            records = await read_to_end(consumer)
        finally:
            await consumer.stop()
        parked = [DeadLetteredEvent.model_validate_json(r.value) for r in records]
        mine = [event for event in parked if event.job_id == job_id]
        if len(mine) >= expect:
            return mine
        await asyncio.sleep(0.5)
    return mine


async def test_published_events_arrive_with_key_type_and_trace_headers(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    await bus.publish(topic, request("job_a"))
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka.bootstrap_servers, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        record = await asyncio.wait_for(consumer.getone(), 10)
    finally:
        await consumer.stop()
    assert record.key == b"job_a"
    headers = dict(record.headers)
    assert headers["ce_type"] == b"studio.job.requested"
    assert JobRequestedEvent.model_validate_json(record.value).job_id == "job_a"


async def test_a_retryable_failure_is_retried_until_it_passes(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    attempts: list[str] = []
    done = asyncio.Event()

    async def flaky(event: JobRequestedEvent) -> None:
        attempts.append(event.job_id)
        if len(attempts) < 3:
            raise RetryableError("provider_busy", "try again")
        done.set()

    task = await consume(kafka, bus, topic, flaky)
    await bus.publish(topic, request("job_flaky"))
    await asyncio.wait_for(done.wait(), 20)
    task.cancel()
    assert attempts == ["job_flaky"] * 3


async def test_a_permanent_failure_ends_at_once_without_dead_letter(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    calls: list[str] = []
    failures: list[tuple[str, str]] = []
    ended = asyncio.Event()

    async def refuse(event: JobRequestedEvent) -> None:
        calls.append(event.job_id)
        raise PermanentError("invalid_params", "no")

    async def on_failure(event: JobRequestedEvent, error: StudioError) -> None:
        failures.append((event.job_id, error.code))
        ended.set()

    task = await consume(kafka, bus, topic, refuse, on_failure)
    job_id = f"job_{topic}"
    await bus.publish(topic, request(job_id))
    await asyncio.wait_for(ended.wait(), 20)
    task.cancel()
    assert calls == [job_id]
    assert failures == [(job_id, "invalid_params")]
    assert await dead_letters_of(kafka, job_id) == []


async def test_exhausted_retries_dead_letter_the_record_and_end_the_job(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    failures: list[str] = []
    ended = asyncio.Event()

    async def broken(event: JobRequestedEvent) -> None:
        raise ConnectionError("storage is down")

    async def on_failure(event: JobRequestedEvent, error: StudioError) -> None:
        failures.append(error.code)
        ended.set()

    task = await consume(kafka, bus, topic, broken, on_failure)
    job_id = f"job_{topic}"
    await bus.publish(topic, request(job_id))
    await asyncio.wait_for(ended.wait(), 20)
    task.cancel()
    assert failures == ["internal_error"]
    parked = await dead_letters_of(kafka, job_id, expect=1)
    assert len(parked) == 1
    assert parked[0].data.attempts == FAST.max_attempts
    assert parked[0].data.topic == topic
    assert "storage is down" in parked[0].data.message


async def test_a_poison_record_is_dead_lettered_and_skipped(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    handled = asyncio.Event()

    async def handle(event: JobRequestedEvent) -> None:
        handled.set()

    task = await consume(kafka, bus, topic, handle)
    producer = AIOKafkaProducer(bootstrap_servers=kafka.bootstrap_servers)
    await producer.start()
    poison_key = f"job_poison_{topic}"
    await producer.send_and_wait(topic, b"{not an event", key=poison_key.encode())
    await producer.stop()
    await bus.publish(topic, request("job_after_poison"))
    await asyncio.wait_for(handled.wait(), 20)
    parked = await dead_letters_of(kafka, poison_key, expect=1)  # parked beside the next one
    task.cancel()
    assert [p.data.code for p in parked] == ["poison_record"]


async def test_records_of_one_job_are_handled_in_order(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    seen: list[str] = []
    done = asyncio.Event()

    async def slow_then_fast(event: JobRequestedEvent) -> None:
        await asyncio.sleep(0.2 if event.id.endswith(":0") else 0)
        seen.append(event.id)
        if len(seen) == 5:
            done.set()

    task = await consume(kafka, bus, topic, slow_then_fast)
    for n in range(5):
        await bus.publish(topic, request("job_ordered").model_copy(update={"id": f"e:{n}"}))
    await asyncio.wait_for(done.wait(), 20)
    task.cancel()
    assert seen == [f"e:{n}" for n in range(5)]


async def test_a_slow_record_holds_one_slot_and_the_commit_waits_for_it(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    release_slow = asyncio.Event()
    fast_done: list[str] = []
    all_fast = asyncio.Event()

    async def handle(event: JobRequestedEvent) -> None:
        if event.job_id == "job_slow":
            await release_slow.wait()
        else:
            fast_done.append(event.job_id)
            if len(fast_done) == 5:
                all_fast.set()

    single = f"{topic}.single"  # one partition: the commit must stop at the slow record
    assert await ensure_topics(kafka.model_copy(update={"partitions": 1}), [single]) == [single]
    topic = single
    task = await consume(kafka, bus, topic, handle)
    await bus.publish(topic, request("job_slow"))
    await asyncio.sleep(0.5)  # the slow one is taken first
    for n in range(5):
        await bus.publish(topic, request(f"job_fast_{n}"))
    await asyncio.wait_for(all_fast.wait(), 20)  # not behind the slow one
    committed = await _committed(kafka, f"group-{topic}", topic)
    assert committed == 0, "nothing is committed past a record still running"
    release_slow.set()
    for _ in range(100):
        if await _committed(kafka, f"group-{topic}", topic) == 6:
            break
        await asyncio.sleep(0.1)
    task.cancel()
    assert await _committed(kafka, f"group-{topic}", topic) == 6


async def _committed(kafka: KafkaSettings, group: str, topic: str) -> int:
    """The committed offsets of `group` on `topic`, summed over its partitions."""
    reader = AIOKafkaConsumer(bootstrap_servers=kafka.bootstrap_servers, group_id=group)
    await reader.start()
    try:
        partitions = reader.partitions_for_topic(topic) or set()
        if not partitions:
            await reader.topics()  # load the metadata
            partitions = reader.partitions_for_topic(topic) or set()
        offsets = [await reader.committed(TopicPartition(topic, p)) for p in partitions]
    finally:
        await reader.stop()
    return sum(offset or 0 for offset in offsets)


async def test_an_unavailable_dependency_is_retried_for_its_budget_then_dead_lettered(
    kafka: KafkaSettings, bus: EventBus, topic: str
) -> None:
    attempts: list[float] = []
    ended = asyncio.Event()

    async def down(event: JobRequestedEvent) -> None:
        attempts.append(asyncio.get_running_loop().time())
        raise RetryableError("object_store_unavailable", "s3 at 10.0.0.7:9000 refused")

    async def on_failure(event: JobRequestedEvent, error: StudioError) -> None:
        assert error.public_message.startswith("a dependency was unavailable")
        assert "10.0.0.7" not in error.public_message
        ended.set()

    subscription = Subscription(
        group=f"group-{topic}",
        topics=[topic],
        decode=TypeAdapter(JobRequestedEvent),
        handle=down,
        on_failure=on_failure,
    )
    budget = WorkerSettings(max_attempts=2, retry_backoff_s=0.05, retry_for_s=1.5)
    consumer = Consumer(subscription, bus=bus, kafka=kafka, worker=budget)
    task = asyncio.create_task(consumer.run())
    await asyncio.wait_for(consumer.joined(), 30)
    await bus.publish(topic, request(f"job_{topic}"))
    await asyncio.wait_for(ended.wait(), 30)
    task.cancel()
    assert len(attempts) > budget.max_attempts, "retryable errors get a time budget, not attempts"
    assert attempts[-1] - attempts[0] >= 1.0
