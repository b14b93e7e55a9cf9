"""Every entry point of the library service: the job events it consumes."""

import logging

from pydantic import TypeAdapter

from contracts.events import EventType, JobCompletedEvent
from contracts.http.batches import is_stamp_source
from contracts.topics import event_topic, library_topic
from services.library import SERVICE
from services.library.assets.records import AssetRecord, Assets
from services.library.collections.records import Collections
from services.library.enrichment.enricher import Enricher
from services.library.stats.outcomes import ENDINGS, JOB_ENDED, JobEnded, Outcomes
from shared.bus import EventBus
from shared.consumer.subscriptions import Subscription, both_lanes

log = logging.getLogger(__name__)


def subscriptions(
    assets: Assets, collections: Collections, bus: EventBus
) -> list[Subscription[JobCompletedEvent]]:
    async def record_outputs(completed: list[JobCompletedEvent]) -> None:
        """Record completed jobs' assets (a batch's in its collection, if it names one), then
        pass each `completed` on to the library topic: the gateway shows it once its assets
        are listed (again for a redelivered `completed`: the first pass may be what was lost)."""
        new = await assets.record_completed(completed)
        await _file_batch_outputs(assets, collections, new)
        log.info("recorded %d new assets of %d jobs", len(new), len(completed))
        await bus.publish_all([(library_topic(event.lane), event) for event in completed])

    topics, bulk = both_lanes(event_topic)
    return [
        Subscription(
            group=SERVICE,
            topics=topics,
            decode=TypeAdapter(JobCompletedEvent),
            handle_batch=record_outputs,
            bulk_topics=bulk,
            wanted=lambda topic, event_type: event_type == EventType.COMPLETED,
        )
    ]


def outcome_subscription(outcomes: Outcomes) -> Subscription[JobEnded]:
    """Every job's outcome (`completed` or `failed`: its provider calls), for the provider stats;
    a group of its own, so neither handler holds the other up."""
    topics, bulk = both_lanes(event_topic)
    return Subscription(
        group=f"{SERVICE}-outcomes",
        topics=topics,
        decode=JOB_ENDED,
        handle_batch=outcomes.record,
        bulk_topics=bulk,
        wanted=lambda topic, event_type: event_type in ENDINGS,
    )


def enrichment_subscription(enricher: Enricher) -> Subscription[JobCompletedEvent]:
    """The `completed` events the library passed on once it recorded their assets: each new
    asset's facts, tags and embedding (a group of its own, so recording never waits for it)."""
    topics, bulk = both_lanes(library_topic)
    return Subscription(
        group=f"{SERVICE}-enrichment",
        topics=topics,
        decode=TypeAdapter(JobCompletedEvent),
        handle_batch=enricher.enrich_completed,
        bulk_topics=bulk,
        wanted=lambda topic, event_type: event_type == EventType.COMPLETED,
    )


async def _file_batch_outputs(
    assets: Assets, collections: Collections, new: list[AssetRecord]
) -> None:
    batch_ids = sorted({record.batch_id for record in new if record.batch_id})
    if not batch_ids:
        return
    into = await collections.of_batches(batch_ids)
    for record in new:
        filing = into.get(record.batch_id or "")
        if filing is None or (
            filing.watermarked and is_stamp_source(record.kind, record.role, record.content_type)
        ):
            continue  # a watermarked batch files the watermarked version instead
        position = record.created_at_ms + (record.variation or 0) / 100
        update = {"$set": {f"collections.{filing.collection_id}": position}}
        await assets.update(record.tenant_id, [record.id], update)
