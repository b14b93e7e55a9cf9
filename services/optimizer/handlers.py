"""Every entry point of the optimizer service: the work topics it consumes."""

from contracts.events import RunJobEvent
from services.optimizer import SERVICE
from services.optimizer.jobs import OptimizerJobs
from shared.worker import Subscription, work_subscription


def subscriptions(jobs: OptimizerJobs) -> list[Subscription[RunJobEvent]]:
    """Both lanes of the optimizer work topic."""
    return [work_subscription(SERVICE, jobs.run, jobs.fail)]
