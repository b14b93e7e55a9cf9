"""Repositories against the real MongoDB-wire server (NX-27017)."""

import asyncio
import uuid
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
from services.gateway.events.fanout import Fanout, Subscriber
from services.gateway.events.history import History
from services.gateway.events.moves import JobMoves
from services.gateway.events.projection import Projection
from services.gateway.jobs.records import JobRecord, Jobs
from services.gateway.webhooks.records import Webhooks, WebhookSettings
from shared.database import Database, now_ms
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


def projection_of(db: Database) -> tuple[Projection, Fanout]:
    fanout = Fanout()
    hooks = Webhooks(db, WebhookSettings(allow_private=True, retry_scale=1, timeout_s=1))
    return Projection(JobMoves(db), History(db, keep_days=1), fanout, hooks), fanout


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


def pushed_ids(pushed: Subscriber) -> list[str]:
    events = [pushed.queue.get_nowait() for _ in range(pushed.queue.qsize())]
    return [event.id for event in events if event is not None]


async def test_status_only_moves_forward_and_the_first_ending_wins(db: Database) -> None:
    projection, fanout = projection_of(db)
    record = job()
    await Jobs(db).insert(record)
    events = lifecycle(record)
    with fanout.subscribe(record.tenant_id, None) as pushed:
        await projection.project([events["started"]])
        await projection.project([events["approved"]])
        late = await Jobs(db).get(record.tenant_id, record.id)
        assert late.status is JobStatus.RUNNING, "approved arrived late: no step back"
        await projection.project([events["completed"]])
        await projection.project([events["failed"]])
    final = await Jobs(db).get(record.tenant_id, record.id)
    assert final.status is JobStatus.COMPLETED
    assert final.error is None
    shown = pushed_ids(pushed)
    assert shown == [events[name].id for name in ("started", "approved", "completed")], (
        "an event after the job ended is neither stored nor pushed"
    )


async def test_a_batch_moves_each_job_once_and_drops_unknown_jobs(db: Database) -> None:
    projection, fanout = projection_of(db)
    first, second = job(), job()
    for record in (first, second):
        await Jobs(db).insert(record)
    unknown = job()  # never recorded
    a, b, c = lifecycle(first), lifecycle(second), lifecycle(unknown)
    with fanout.subscribe(first.tenant_id, None) as pushed:
        batch = [a["approved"], b["approved"], c["started"], a["started"], a["completed"]]
        await projection.project(batch)
    assert (await Jobs(db).get(first.tenant_id, first.id)).status is JobStatus.COMPLETED
    assert (await Jobs(db).get(second.tenant_id, second.id)).status is JobStatus.APPROVED
    shown = set(pushed_ids(pushed))
    assert c["started"].id not in shown
    assert {a["completed"].id, b["approved"].id} <= shown


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
