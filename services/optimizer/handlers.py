"""Every entry point of the optimizer service: its work and control topics."""

from functools import partial
from typing import Any

from services.optimizer import SERVICE
from services.optimizer.jobs import OptimizerJobs
from shared.consumer.subscriptions import Subscription, control_subscription, work_subscription


def subscriptions(jobs: OptimizerJobs) -> list[Subscription[Any]]:
    """Both lanes of the optimizer work topic; cancellations of jobs not taken yet."""
    cancel = partial(jobs.runs.cancel_unclaimed, bus=jobs.bus)
    return [
        work_subscription(SERVICE, jobs.run, jobs.reporter.fail),
        control_subscription(SERVICE, cancel),
    ]
