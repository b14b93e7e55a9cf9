"""Every entry point of the editing service: its work and control topics."""

from functools import partial
from typing import Any

from services.editing import SERVICE
from services.editing.jobs import EditingJobs
from shared.consumer.subscriptions import Subscription, control_subscription, work_subscription


def subscriptions(jobs: EditingJobs) -> list[Subscription[Any]]:
    """Both lanes of the editing work topic; cancellations of jobs not taken yet."""
    cancel = partial(jobs.runs.cancel_unclaimed, bus=jobs.bus)
    return [
        work_subscription(SERVICE, jobs.run, jobs.reporter.fail),
        control_subscription(SERVICE, cancel),
    ]
