"""Every entry point of the library service: the job events it consumes."""

import logging

from pydantic import TypeAdapter

from contracts.events import EventType, JobCompletedEvent
from contracts.topics import event_topic, library_topic
from services.library import SERVICE
from services.library.assets import Assets
from shared.bus import EventBus
from shared.consumer.subscriptions import Subscription, both_lanes

log = logging.getLogger(__name__)


def subscriptions(assets: Assets, bus: EventBus) -> list[Subscription[JobCompletedEvent]]:
    async def record_outputs(completed: list[JobCompletedEvent]) -> None:
        """Record completed jobs' assets, then pass each `completed` on to the library topic:
        the gateway shows it once its assets are listed (again for a redelivered `completed`:
        the first pass may be what was lost)."""
        new = await assets.record_completed(completed)
        log.info("recorded %d new assets of %d jobs", new, len(completed))
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
