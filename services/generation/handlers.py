"""Every entry point of the generation service: the work topics it consumes."""

from contracts.events import RunJobEvent
from services.generation import SERVICE
from services.generation.jobs import GenerationJobs
from shared.worker import Subscription, work_subscription


def subscriptions(jobs: GenerationJobs) -> list[Subscription[RunJobEvent]]:
    """Both lanes of the generation work topic."""
    return [work_subscription(SERVICE, jobs.run, jobs.fail)]
