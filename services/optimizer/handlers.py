"""Every entry point of the optimizer service: its work and control topics."""

from typing import Any

from services.optimizer.jobs import OptimizerJobs
from shared.consumer.subscriptions import Subscription


def subscriptions(jobs: OptimizerJobs) -> list[Subscription[Any]]:
    """Both lanes of the optimizer work topic; cancellations of jobs not taken yet."""
    return jobs.kit.subscriptions(jobs.run)
