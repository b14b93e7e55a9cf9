"""Every entry point of the billing service: the job requests it consumes."""

from pydantic import TypeAdapter

from contracts.events import JobRequestedEvent
from contracts.topics import JOB_REQUESTS
from services.billing import SERVICE
from services.billing.preflight import Preflight
from shared.worker import Subscription


def subscriptions(preflight: Preflight) -> list[Subscription[JobRequestedEvent]]:
    return [
        Subscription(
            group=SERVICE,
            topics=[JOB_REQUESTS],
            decode=TypeAdapter(JobRequestedEvent),
            handle=preflight.check,
        )
    ]
