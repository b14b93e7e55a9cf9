"""Every entry point of the transform service: its work and control topics."""

from typing import Any

from services.transform.jobs import TransformJobs
from shared.consumer.subscriptions import Subscription


def subscriptions(jobs: TransformJobs) -> list[Subscription[Any]]:
    """Both lanes of the transform work topic; cancellations of jobs not taken yet."""
    return jobs.kit.subscriptions(jobs.run)
