"""A watermarked batch's follow-ups: when one of its jobs completes with images, an
`edit.watermark` job per image, in the same batch and lane.

The projector records them before it moves the completed job (so the batch never looks done
while they are due), with ids derived from the job and the image: a redelivered `completed`
writes none twice. They are published once recorded; any a crash or a broker outage left
unpublished is published by the sweeper, like every accepted job. Billing holds and settles
each as any job."""

import logging

from contracts.events import InputAsset, JobCompletedEvent, ProducedAsset
from contracts.http.batches import is_stamp_source, stamps_outputs
from contracts.params.overlay import WatermarkParams
from contracts.topics import request_topic
from services.gateway.batches import records as batch_records
from services.gateway.batches.records import BatchRecord
from services.gateway.batches.watermarks import WatermarkPlan
from services.gateway.jobs import records as job_records
from services.gateway.jobs.records import JobRecord
from shared.bus import EventBus
from shared.database import Database, insert_new, now_ms
from shared.errors import RetryableError
from shared.ids import derived_id

log = logging.getLogger(__name__)


class FollowUps:
    def __init__(self, db: Database, bus: EventBus) -> None:
        self._batches = db[batch_records.COLLECTION]
        self._jobs = db[job_records.COLLECTION]
        self._bus = bus

    async def record(self, completed: list[JobCompletedEvent]) -> int:
        """Record and publish the follow-ups of these completed jobs; how many are new."""
        stamped = [e for e in completed if e.batch_id and stamps_outputs(e.data.kind)]
        if not stamped:
            return 0
        batches = await self._watermarked({e.batch_id for e in stamped if e.batch_id})
        jobs = [
            job
            for event in stamped
            if event.batch_id in batches
            for job in follow_ups_of(event, batches[event.batch_id])
        ]
        docs = [job.model_dump(by_alias=True, mode="json", exclude_none=True) for job in jobs]
        taken = await insert_new(self._jobs, docs)
        new = [job for index, job in enumerate(jobs) if index not in taken]
        try:
            await self._bus.publish_all([(request_topic(job.lane), job.requested()) for job in new])
        except RetryableError as exc:
            log.warning("watermark jobs recorded, not published; the sweeper will: %s", exc)
        return len(new)

    async def _watermarked(self, batch_ids: set[str]) -> dict[str, BatchRecord]:
        query = {"_id": {"$in": sorted(batch_ids)}, "watermark": {"$type": "object"}}
        docs = await self._batches.find(query).to_list()
        return {doc["_id"]: BatchRecord.model_validate(doc) for doc in docs}


def follow_ups_of(event: JobCompletedEvent, batch: BatchRecord) -> list[JobRecord]:
    """The `edit.watermark` job of each image the completed job made."""
    assert batch.watermark is not None
    kind = event.data.kind
    images = [a for a in event.data.assets if is_stamp_source(kind, a.role, a.content_type)]
    return [_stamp(event, batch, batch.watermark, image) for image in images]


def _stamp(
    event: JobCompletedEvent, batch: BatchRecord, plan: WatermarkPlan, image: ProducedAsset
) -> JobRecord:
    now = now_ms()
    source = InputAsset(**image.model_dump(include=set(InputAsset.model_fields)))
    return JobRecord(
        _id=derived_id("job", event.job_id, "watermark", image.id),
        tenant_id=event.tenant_id,
        kind=WatermarkParams.KIND,
        params=plan.params | {"asset_id": image.id},
        lane=batch.lane,
        batch_id=batch.id,
        brand_kit=plan.brand_kit,
        inputs={"asset_id": source, "logo_asset_id": plan.logo},
        created_at_ms=now,
        updated_at_ms=now,
    )
