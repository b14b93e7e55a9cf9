"""Every entry point of the library service: the job events it consumes."""

import logging

from contracts.events import (
    JOB_EVENT,
    AssetsRecorded,
    AssetsRecordedEvent,
    JobCompletedEvent,
    JobEvent,
    follow_up,
)
from contracts.topics import event_topic, library_topic
from services.library import SERVICE
from services.library.assets import Assets
from shared.bus import EventBus
from shared.worker import Subscription, both_lanes

log = logging.getLogger(__name__)
SOURCE = f"/services/{SERVICE}"


def subscriptions(assets: Assets, bus: EventBus) -> list[Subscription[JobEvent]]:
    async def record_outputs(event: JobEvent) -> None:
        """Record a completed job's assets, then say so (again for a redelivered `completed`:
        the first announcement may be what was lost)."""
        if not isinstance(event, JobCompletedEvent):
            return
        new = await assets.record_completed(event)
        log.info("recorded %d new assets of %d", new, len(event.data.assets))
        recorded = AssetsRecorded(assets=len(event.data.assets))
        announced = follow_up(
            event, AssetsRecordedEvent, recorded, source=SOURCE, fact="assets_recorded"
        )
        await bus.publish(library_topic(announced.lane), announced)

    topics, bulk = both_lanes(event_topic)
    return [
        Subscription(
            group=SERVICE,
            topics=topics,
            decode=JOB_EVENT,
            handle=record_outputs,
            bulk_topics=bulk,
        )
    ]
