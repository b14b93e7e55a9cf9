"""Every entry point of the optimizer service: the work topics it consumes."""

from pydantic import TypeAdapter

from contracts.events import RunJobEvent
from contracts.topics import LANES, work_topic
from services.optimizer import SERVICE
from services.optimizer.jobs import OptimizerJobs
from shared.worker import Subscription


def subscriptions(jobs: OptimizerJobs) -> list[Subscription[RunJobEvent]]:
    """Both lanes of the optimizer work topic, in one consumer group."""
    return [
        Subscription(
            group=SERVICE,
            topics=[work_topic(SERVICE, lane) for lane in LANES],
            decode=TypeAdapter(RunJobEvent),
            handle=jobs.run,
            on_failure=jobs.fail,
        )
    ]
