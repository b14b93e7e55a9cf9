"""Every entry point of the library service: the job events it consumes."""

import logging

from contracts.events import JOB_EVENT, JobCompletedEvent, JobEvent
from contracts.topics import JOB_EVENTS
from services.library import SERVICE
from services.library.assets import Assets
from shared.worker import Subscription

log = logging.getLogger(__name__)


def subscriptions(assets: Assets) -> list[Subscription[JobEvent]]:
    async def record_outputs(event: JobEvent) -> None:
        if isinstance(event, JobCompletedEvent):
            new = await assets.record_completed(event)
            log.info("recorded %d new assets of %d", new, len(event.data.assets))

    return [
        Subscription(group=SERVICE, topics=[JOB_EVENTS], decode=JOB_EVENT, handle=record_outputs)
    ]
