"""Every entry point of the generation service: its work and control topics."""

from functools import partial
from typing import Any

from services.generation import SERVICE
from services.generation.jobs import GenerationJobs
from shared.consumer.subscriptions import Subscription, control_subscription, work_subscription


def subscriptions(jobs: GenerationJobs) -> list[Subscription[Any]]:
    """Both lanes of the generation work topic; cancellations of jobs not taken yet."""
    cancel = partial(jobs.runs.cancel_unclaimed, bus=jobs.bus)
    return [
        work_subscription(SERVICE, jobs.run, jobs.reporter.fail),
        control_subscription(SERVICE, cancel),
    ]
