"""A watermarked batch's follow-ups against the real database and broker: recorded before their
source job completes, once per image however often its `completed` is delivered, none for a
video."""

from decimal import Decimal
from typing import Any

from contracts.events import InputAsset, JobCompleted, JobCompletedEvent, ProducedAsset, follow_up
from contracts.http.batches import BatchWatermark
from contracts.jobs import JobStatus
from services.gateway.batches.follow_ups import FollowUps
from services.gateway.batches.records import Batches, BatchRecord
from services.gateway.batches.watermarks import WatermarkPlan
from services.gateway.events.history import History
from services.gateway.events.moves import JobMoves
from services.gateway.events.projection import Projection
from services.gateway.events.shown import announcing
from services.gateway.jobs.records import JobRecord, Jobs
from services.gateway.webhooks.records import Webhooks, WebhookSettings
from shared.bus import EventBus
from shared.database import Database, now_ms
from shared.ids import new_id

TENANT = "ten_followups"
MEDIA: dict[str, Any] = {"bytes": 100, "sha256": "0" * 64, "width": 64, "height": 64}
LOGO = InputAsset(id="ast_logo", object_key="logo", content_type="image/png", format="png", **MEDIA)


def watermarked_batch() -> BatchRecord:
    plan = WatermarkPlan(
        asked=BatchWatermark(brand_kit="bk_acme"),
        params={"logo_asset_id": LOGO.id, "brand_kit": "bk_acme", "quality": "draft"},
        logo=LOGO,
        brand_kit=None,
    )
    return BatchRecord.model_validate(
        {
            "_id": new_id("bat"),
            "tenant_id": TENANT,
            "lane": "bulk",
            "jobs": 2,
            "estimate_credits": 4,
            "estimate_price_usd": Decimal(0),
            "watermark": plan,
            "request_hash": "h",
            "created_at_ms": now_ms(),
        }
    )


def running_job(kind: str, batch_id: str) -> JobRecord:
    now = now_ms()
    status = {"status": JobStatus.RUNNING, "status_rank": JobStatus.RUNNING.rank}
    return JobRecord.model_validate(
        {"_id": new_id("job"), "tenant_id": TENANT, "kind": kind, "params": {}, "lane": "bulk"}
        | {"batch_id": batch_id, "created_at_ms": now, "updated_at_ms": now}
        | status
    )


def completed(job: JobRecord, content_type: str, count: int) -> JobCompletedEvent:
    made = [
        ProducedAsset(
            id=new_id("ast"), object_key=f"k{i}", content_type=content_type, format="x", **MEDIA
        )
        for i in range(count)
    ]
    data = JobCompleted(kind=job.kind, provider="local", assets=made, duration_ms=1)
    return follow_up(job.requested(), JobCompletedEvent, data, source="/t", fact="completed")


def projection(db: Database, bus: EventBus, follow_ups: FollowUps) -> Projection:
    hooks = Webhooks(db, WebhookSettings(allow_private=True, retry_scale=1, timeout_s=1))
    return Projection(JobMoves(db), History(db, keep_days=1), announcing(bus), hooks, follow_ups)


async def test_each_image_gets_one_watermark_however_often_its_job_completes(
    db: Database, bus: EventBus
) -> None:
    batch = watermarked_batch()
    await Batches(db).insert(batch)
    images, video = (
        running_job("generate", batch.id),
        running_job("transform.image_to_video", batch.id),
    )
    await Jobs(db).insert_many([images, video])
    done = [completed(images, "image/png", 2), completed(video, "video/mp4", 1)]
    follow_ups = FollowUps(db, bus)

    assert await follow_ups.record(done) == 2, "recorded, then the projector stopped: no move"
    await projection(db, bus, follow_ups).project(done)  # the redelivery
    await projection(db, bus, follow_ups).project(done)  # and one after the move

    stamps = await Jobs(db).of_batch(TENANT, batch.id, [JobStatus.ACCEPTED])
    assert sorted(job.params["asset_id"] for job in stamps) == sorted(
        asset.id for asset in done[0].data.assets
    )
    assert {(job.kind, job.lane, job.inputs["logo_asset_id"].id) for job in stamps} == {
        ("edit.watermark", "bulk", LOGO.id)
    }
    shown = batch.public(await Jobs(db).batch_tally(TENANT, batch.id))
    assert (shown.jobs, shown.counts.completed, shown.status) == (4, 2, "running")
