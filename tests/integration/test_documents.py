"""Repositories against the real MongoDB-wire server (NX-27017)."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime

import pytest
from pymongo.errors import DuplicateKeyError

from contracts.events import (
    JobApproved,
    JobApprovedEvent,
    JobCompleted,
    JobCompletedEvent,
    JobEvent,
    JobFailed,
    JobFailedEvent,
    JobRequested,
    JobRequestedEvent,
    JobStarted,
    JobStartedEvent,
    follow_up,
)
from contracts.jobs import JobStatus
from contracts.topics import SHOWN
from services.gateway.events.fanout import Fanout, Subscriber
from services.gateway.events.history import History, StoredEvent
from services.gateway.events.moves import JobMoves
from services.gateway.events.projection import Projection
from services.gateway.events.shown import announcing, feeding
from services.gateway.jobs.records import JobRecord, Jobs
from services.gateway.webhooks.records import Webhooks, WebhookSettings
from shared.bus import EventBus
from shared.consumer.tail import Tail
from shared.database import Database, now_ms
from shared.settings import KafkaSettings
from shared.workers.runs import Claim, Runs


def job(tenant: str = "ten_a", key: str | None = None) -> JobRecord:
    now = now_ms()
    return JobRecord(
        _id=f"job_{uuid.uuid4().hex}",
        tenant_id=tenant,
        kind="generate",
        params={"prompt": "x"},
        lane="interactive",
        idempotency_key=key,
        created_at_ms=now,
        updated_at_ms=now,
    )


def request_of(record: JobRecord) -> JobRequestedEvent:
    spec = JobRequested(kind="generate", params={}, submitted_at=datetime.now(UTC))
    return JobRequestedEvent(
        id="r", source="/t", tenant_id=record.tenant_id, job_id=record.id, data=spec
    )


async def test_idempotency_keys_are_unique_per_tenant_only_when_given(db: Database) -> None:
    jobs = Jobs(db)
    await jobs.insert(job(key="k1"))
    await jobs.insert(job(key=None))
    await jobs.insert(job(key=None))
    await jobs.insert(job(tenant="ten_b", key="k1"))
    with pytest.raises(DuplicateKeyError):
        await jobs.insert(job(key="k1"))


@asynccontextmanager
async def running_projector(
    db: Database, bus: EventBus, kafka: KafkaSettings
) -> AsyncIterator[tuple[Projection, Fanout]]:
    """A projection announcing on the bus, and the fan-out its projector feeds from the bus."""
    fanout = Fanout()
    tail = Tail(SHOWN, kafka, feeding(fanout), client_id="tests-tail")
    tailing = asyncio.create_task(tail.run())
    await asyncio.wait_for(tail.ready.wait(), 30)
    hooks = Webhooks(db, WebhookSettings(allow_private=True, retry_scale=1, timeout_s=1))
    try:
        yield Projection(JobMoves(db), History(db, keep_days=1), announcing(bus), hooks), fanout
    finally:
        tailing.cancel()
        with suppress(asyncio.CancelledError):
            await tailing


@pytest.fixture
async def projector(
    db: Database, bus: EventBus, kafka: KafkaSettings
) -> AsyncIterator[tuple[Projection, Fanout]]:
    async with running_projector(db, bus, kafka) as running:
        yield running


def lifecycle(record: JobRecord) -> dict[str, JobEvent]:
    cause = request_of(record)
    done = JobCompleted(kind="generate", provider="p", model="m", assets=[], duration_ms=1)
    failed = JobFailed(code="x", message="m", retriable=False)
    started = JobStarted(kind="generate", service="g")
    return {
        "approved": follow_up(
            cause, JobApprovedEvent, JobApproved(kind="generate"), source="/t", fact="a"
        ),
        "started": follow_up(cause, JobStartedEvent, started, source="/t", fact="s"),
        "completed": follow_up(cause, JobCompletedEvent, done, source="/t", fact="c"),
        "failed": follow_up(cause, JobFailedEvent, failed, source="/t", fact="f"),
    }


async def pushed_ids(pushed: Subscriber, count: int) -> list[str]:
    """The ids of the first `count` events pushed, and of any that follow within a moment."""
    ids: list[str] = []
    async with asyncio.timeout(10):
        while len(ids) < count:
            event = await pushed.queue.get()
            assert event is not None, "the client overflowed"
            ids.append(event.id)
    await asyncio.sleep(0.5)
    return ids + [event.id for event in _queued(pushed) if event is not None]


def _queued(pushed: Subscriber) -> list[StoredEvent | None]:
    return [pushed.queue.get_nowait() for _ in range(pushed.queue.qsize())]


async def test_status_only_moves_forward_and_the_first_ending_wins(
    db: Database, projector: tuple[Projection, Fanout]
) -> None:
    projection, fanout = projector
    record = job()
    await Jobs(db).insert(record)
    events = lifecycle(record)
    with fanout.subscribe(record.tenant_id, None, key_hash="key_a") as pushed:
        await projection.project([events["started"]])
        await projection.project([events["approved"]])
        late = await Jobs(db).get(record.tenant_id, record.id)
        assert late.status is JobStatus.RUNNING, "approved arrived late: no step back"
        await projection.project([events["completed"]])
        await projection.project([events["failed"]])
        shown = await pushed_ids(pushed, 3)
    final = await Jobs(db).get(record.tenant_id, record.id)
    assert final.status is JobStatus.COMPLETED
    assert final.error is None
    assert shown == [events[name].id for name in ("started", "approved", "completed")], (
        "an event after the job ended is neither stored nor pushed"
    )


async def test_a_batch_moves_each_job_once_and_drops_unknown_jobs(
    db: Database, projector: tuple[Projection, Fanout]
) -> None:
    projection, fanout = projector
    first, second = job(), job()
    for record in (first, second):
        await Jobs(db).insert(record)
    unknown = job()  # never recorded
    a, b, c = lifecycle(first), lifecycle(second), lifecycle(unknown)
    with fanout.subscribe(first.tenant_id, None, key_hash="key_a") as pushed:
        batch = [a["approved"], b["approved"], c["started"], a["started"], a["completed"]]
        await projection.project(batch)
        shown = set(await pushed_ids(pushed, 4))
    assert (await Jobs(db).get(first.tenant_id, first.id)).status is JobStatus.COMPLETED
    assert (await Jobs(db).get(second.tenant_id, second.id)).status is JobStatus.APPROVED
    assert c["started"].id not in shown
    assert {a["completed"].id, b["approved"].id} <= shown


async def test_a_client_of_one_projector_sees_what_another_projected(
    db: Database, bus: EventBus, kafka: KafkaSettings
) -> None:
    record = job()
    await Jobs(db).insert(record)
    events = lifecycle(record)
    async with (
        running_projector(db, bus, kafka) as (first, first_clients),
        running_projector(db, bus, kafka) as (_, second_clients),
    ):
        with (
            first_clients.subscribe(record.tenant_id, None, key_hash="key_a") as on_first,
            second_clients.subscribe(record.tenant_id, None, key_hash="key_a") as on_second,
        ):
            await first.project([events["approved"]])
            seen = [await pushed_ids(on_first, 1), await pushed_ids(on_second, 1)]
    assert seen == [[events["approved"].id]] * 2, "each projector's clients, exactly once"


async def test_a_run_lease_keeps_copies_out_until_it_expires(db: Database) -> None:
    job_a = f"job_{uuid.uuid4().hex}"
    first = Runs(db, "generation", owner="worker-1", lease_s=0.5)
    second = Runs(db, "generation", owner="worker-2", lease_s=0.5)
    assert (await first.claim(job_a, "ten_a")).claim is Claim.HELD
    assert (await first.claim(job_a, "ten_a")).claim is Claim.HELD, "our own retry"
    assert (await second.claim(job_a, "ten_a")).claim is Claim.BUSY
    await asyncio.sleep(0.7)
    assert (await second.claim(job_a, "ten_a")).claim is Claim.HELD, "taken over"


async def test_the_first_ending_of_a_run_is_the_one_announced(db: Database) -> None:
    job_b = f"job_{uuid.uuid4().hex}"
    runs = Runs(db, "generation", owner="worker-1", lease_s=30)
    await runs.claim(job_b, "ten_a")
    record = job()
    cause = request_of(record).model_copy(update={"job_id": job_b})
    done = JobCompleted(kind="generate", provider="p", model="m", assets=[], duration_ms=1)
    completed = follow_up(cause, JobCompletedEvent, done, source="/t", fact="completed")
    failed = follow_up(
        cause,
        JobFailedEvent,
        JobFailed(code="x", message="m", retriable=True),
        source="/t",
        fact="failed",
    )
    assert await runs.finish(completed) is completed
    assert (await runs.finish(failed)).id == completed.id
    ended = await Runs(db, "generation", owner="worker-2", lease_s=30).claim(job_b, "ten_a")
    assert ended.claim is Claim.ENDED
    assert ended.ended_with is not None
    assert ended.ended_with.id == f"{job_b}:completed"
