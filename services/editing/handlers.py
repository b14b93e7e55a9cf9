"""Every entry point of the editing service: its work and control topics."""

from typing import Any

from services.editing.jobs import EditingJobs
from shared.consumer.subscriptions import Subscription


def subscriptions(jobs: EditingJobs) -> list[Subscription[Any]]:
    """Both lanes of the editing work topic; cancellations of jobs not taken yet."""
    return jobs.kit.subscriptions(jobs.run)
