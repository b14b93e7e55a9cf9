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
    JobFailed,
    JobFailedEvent,
    JobRequested,
    JobRequestedEvent,
    JobStarted,
    JobStartedEvent,
    follow_up,
)
from contracts.jobs import JobStatus
from services.gateway.jobs import JobRecord, Jobs
from shared.database import Database, now_ms
from shared.runs import Claim, Runs


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


async def test_status_only_moves_forward_and_the_first_ending_wins(db: Database) -> None:
    jobs = Jobs(db)
    record = job()
    await jobs.insert(record)
    cause = request_of(record)
    started = follow_up(
        cause, JobStartedEvent, JobStarted(kind="generate", service="g"), source="/t", fact="s"
    )
    approved = follow_up(
        cause, JobApprovedEvent, JobApproved(kind="generate"), source="/t", fact="a"
    )
    done = JobCompleted(kind="generate", provider="p", model="m", assets=[], duration_ms=1)
    completed = follow_up(cause, JobCompletedEvent, done, source="/t", fact="c")
    failed = follow_up(
        cause,
        JobFailedEvent,
        JobFailed(code="x", message="m", retriable=False),
        source="/t",
        fact="f",
    )
    assert (await jobs.apply(started)).moved
    late = await jobs.apply(approved)
    assert not late.moved, "approved arrived late: no step back"
    assert late.job is not None
    assert late.job.status is JobStatus.RUNNING
    assert (await jobs.apply(completed)).moved
    assert not (await jobs.apply(failed)).moved, "already ended"
    final = await jobs.get(record.tenant_id, record.id)
    assert final.status is JobStatus.COMPLETED
    assert final.error is None


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
