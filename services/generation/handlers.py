"""Every entry point of the generation service: its work and control topics."""

from typing import Any

from services.generation.jobs import GenerationJobs
from shared.consumer.subscriptions import Subscription


def subscriptions(jobs: GenerationJobs) -> list[Subscription[Any]]:
    """Both lanes of the generation work topic; cancellations of jobs not taken yet."""
    return jobs.kit.subscriptions(jobs.run)
