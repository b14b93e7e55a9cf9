"""Every entry point of the generation service: the work topics it consumes."""

from pydantic import TypeAdapter

from contracts.events import RunJobEvent
from contracts.topics import LANES, work_topic
from services.generation import SERVICE
from services.generation.jobs import GenerationJobs
from shared.worker import Subscription


def subscriptions(jobs: GenerationJobs) -> list[Subscription[RunJobEvent]]:
    """Both lanes of the generation work topic, in one consumer group."""
    return [
        Subscription(
            group=SERVICE,
            topics=[work_topic(SERVICE, lane) for lane in LANES],
            decode=TypeAdapter(RunJobEvent),
            handle=jobs.run,
            on_failure=jobs.fail,
        )
    ]
