import asyncio

import pytest

from services.gateway.events.fanout import QUEUE_SIZE, Fanout, OverflowedError, RevokedError
from services.gateway.events.history import StoredEvent


def event(job_id: str, n: int, tenant_id: str = "ten_a") -> StoredEvent:
    return StoredEvent(
        _id=f"{job_id}:{n}", tenant_id=tenant_id, job_id=job_id, time_ms=n, payload="{}"
    )


async def first(iterator: object) -> StoredEvent:
    return await asyncio.wait_for(anext(iterator), 1)  # type: ignore[call-overload]


async def test_events_reach_only_the_tenant_and_jobs_asked_for() -> None:
    fanout = Fanout()
    with (
        fanout.subscribe("ten_a", frozenset({"job_1"}), key_hash="k1") as only_job_1,
        fanout.subscribe("ten_a", None, key_hash="k1") as all_jobs,
    ):
        fanout.publish(event("job_2", 1))
        fanout.publish(event("job_1", 2))
        fanout.publish(event("job_1", 3, tenant_id="ten_b"))
        assert (await first(only_job_1.events())).id == "job_1:2"
        assert [(await first(all_jobs.events())).id for _ in range(2)] == ["job_2:1", "job_1:2"]
        assert only_job_1.queue.empty()
        assert all_jobs.queue.empty()


async def test_a_slow_client_is_cut_off_instead_of_blocking() -> None:
    fanout = Fanout()
    with fanout.subscribe("ten_a", None, key_hash="k1") as slow:
        for n in range(QUEUE_SIZE + 1):
            fanout.publish(event("job_1", n))
        with pytest.raises(OverflowedError):
            await first(slow.events())


async def test_revoking_a_key_ends_its_streams_at_once_and_no_others() -> None:
    fanout = Fanout()
    with (
        fanout.subscribe("ten_a", frozenset({"job_9"}), key_hash="revoked") as waiting,
        fanout.subscribe("ten_a", None, key_hash="revoked") as behind,
        fanout.subscribe("ten_a", None, key_hash="kept") as kept,
    ):
        reader = asyncio.create_task(first(waiting.events()))
        await asyncio.sleep(0)  # parked on its empty queue
        fanout.publish(event("job_1", 1))  # queued for `behind`, never read
        assert fanout.key_hashes() == {"revoked", "kept"}
        assert fanout.revoke({"revoked"}) == 2
        with pytest.raises(RevokedError):
            await reader
        with pytest.raises(RevokedError):
            await first(behind.events())
        fanout.publish(event("job_9", 2))
        assert waiting.queue.empty(), "nothing reaches an ended stream"
        assert [(await first(kept.events())).id for _ in range(2)] == ["job_1:1", "job_9:2"]
