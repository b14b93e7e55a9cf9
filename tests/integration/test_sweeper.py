"""The sweeper against the real broker and database: stuck jobs are published again, then given
up on (dead letter + `failed`), never left silent."""

import uuid

from aiokafka import AIOKafkaConsumer

from contracts.jobs import JobStatus
from contracts.topics import DEAD_LETTERS, request_topic
from services.gateway.events.history import History
from services.gateway.events.moves import JobMoves
from services.gateway.events.projection import Projection
from services.gateway.events.shown import announcing
from services.gateway.events.sweeper import Sweeper
from services.gateway.jobs.records import JobRecord, Jobs
from services.gateway.webhooks.records import Webhooks, WebhookSettings
from shared.bus import EventBus
from shared.database import Database, now_ms
from shared.leases import Lease
from tests.support.bus import read_to_end
from tests.support.stack import RunningStack


def sweeper(db: Database, bus: EventBus, max_redeliveries: int) -> Sweeper:
    hooks = Webhooks(db, WebhookSettings(allow_private=True, retry_scale=1, timeout_s=1))
    projection = Projection(JobMoves(db), History(db, keep_days=1), announcing(bus), hooks)
    lease = Lease(db, "sweeper", ttl_s=3)
    return Sweeper(
        Jobs(db),
        bus,
        projection,
        1,
        stuck_after_s=5,
        max_redeliveries=max_redeliveries,
        lease=lease,
    )


async def stuck_job(db: Database, redeliveries: int = 0, idle_s: float = 60) -> JobRecord:
    long_ago = now_ms() - int(idle_s * 1000)
    job = JobRecord(
        _id=f"job_{uuid.uuid4().hex}",
        tenant_id=f"ten_{uuid.uuid4().hex[:8]}",
        kind="generate",
        params={"prompt": "stuck", "quality": "draft", "width": 64, "height": 64},
        lane="interactive",
        status=JobStatus.APPROVED,
        status_rank=JobStatus.APPROVED.rank,
        redeliveries=redeliveries,
        created_at_ms=long_ago,
        updated_at_ms=long_ago,
    )
    await Jobs(db).insert(job)
    return job


async def keys_on(stack: RunningStack, topic: str) -> list[bytes]:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=f"127.0.0.1:{stack.local.ports.kafka}",
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        return [record.key for record in await read_to_end(consumer)]
    finally:
        await consumer.stop()


async def test_a_stuck_job_is_published_again_and_counted(
    stack: RunningStack, db: Database, bus: EventBus
) -> None:
    job = await stuck_job(db)
    assert await sweeper(db, bus, max_redeliveries=5).sweep() == 1
    again = await Jobs(db).get(job.tenant_id, job.id)
    assert again.redeliveries == 1
    assert again.updated_at_ms > job.updated_at_ms
    assert job.id.encode() in await keys_on(stack, request_topic(job.lane))
    assert await sweeper(db, bus, max_redeliveries=5).sweep() == 0, "not stuck any more"


async def test_each_wait_before_publishing_again_is_twice_the_last(
    db: Database, bus: EventBus
) -> None:
    """Published once already, a job waits 2 × 5 s before the next try, not 5 s again."""
    waited_once = await stuck_job(db, redeliveries=1, idle_s=7)
    waited_twice = await stuck_job(db, redeliveries=1, idle_s=11)
    assert await sweeper(db, bus, max_redeliveries=5).sweep() == 1
    assert (await Jobs(db).get(waited_once.tenant_id, waited_once.id)).redeliveries == 1
    assert (await Jobs(db).get(waited_twice.tenant_id, waited_twice.id)).redeliveries == 2


async def test_a_job_stuck_past_every_redelivery_ends_failed_and_dead_lettered(
    stack: RunningStack, db: Database, bus: EventBus
) -> None:
    job = await stuck_job(db, redeliveries=2)
    assert await sweeper(db, bus, max_redeliveries=2).sweep() == 1
    ended = await Jobs(db).get(job.tenant_id, job.id)
    assert ended.status is JobStatus.FAILED
    assert ended.error is not None
    assert ended.error.code == "dead_lettered"
    assert job.id.encode() in await keys_on(stack, DEAD_LETTERS)


async def test_of_several_projectors_only_the_lease_holder_sweeps(
    db: Database, bus: EventBus
) -> None:
    await stuck_job(db)
    first, second = sweeper(db, bus, max_redeliveries=5), sweeper(db, bus, max_redeliveries=5)
    assert await first.tick() == 1
    await stuck_job(db)
    assert await second.tick() is None, "the first projector holds the lease"
    assert await first.tick() == 1
