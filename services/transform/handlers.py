"""Every entry point of the transform service: its work and control topics."""

from functools import partial
from typing import Any

from services.transform import SERVICE
from services.transform.jobs import TransformJobs
from shared.consumer.subscriptions import Subscription, control_subscription, work_subscription


def subscriptions(jobs: TransformJobs) -> list[Subscription[Any]]:
    """Both lanes of the transform work topic; cancellations of jobs not taken yet."""
    cancel = partial(jobs.runs.cancel_unclaimed, bus=jobs.bus)
    return [
        work_subscription(SERVICE, jobs.run, jobs.reporter.fail),
        control_subscription(SERVICE, cancel),
    ]
