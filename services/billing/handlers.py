"""Every entry point of the billing service: job requests, and the job endings it settles."""

from pydantic import TypeAdapter

from contracts.events import JOB_EVENT, JobEvent, JobRequestedEvent
from contracts.topics import JOB_EVENTS, JOB_REQUESTS
from services.billing import SERVICE
from services.billing.preflight import Preflight
from services.billing.settlement import Settlement
from shared.worker import Subscription


def subscriptions(
    preflight: Preflight, settlement: Settlement
) -> tuple[Subscription[JobRequestedEvent], Subscription[JobEvent]]:
    return (
        Subscription(
            group=SERVICE,
            topics=[JOB_REQUESTS],
            decode=TypeAdapter(JobRequestedEvent),
            handle=preflight.check,
        ),
        Subscription(
            group=f"{SERVICE}-settlement",
            topics=[JOB_EVENTS],
            decode=JOB_EVENT,
            handle=settlement.settle,
        ),
    )
