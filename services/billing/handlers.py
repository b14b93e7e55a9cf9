"""Every entry point of the billing service: job requests, and the job endings it settles."""

from pydantic import TypeAdapter

from contracts.events import JOB_EVENT, JobEvent, JobRequestedEvent
from contracts.topics import event_topic, request_topic
from services.billing import SERVICE
from services.billing.preflight import Preflight
from services.billing.settlement import ENDINGS, Settlement
from shared.consumer.subscriptions import Subscription, both_lanes


def subscriptions(
    preflight: Preflight, settlement: Settlement
) -> tuple[Subscription[JobRequestedEvent], Subscription[JobEvent]]:
    requests, bulk_requests = both_lanes(request_topic)
    events, bulk_events = both_lanes(event_topic)
    return (
        Subscription(
            group=SERVICE,
            topics=requests,
            decode=TypeAdapter(JobRequestedEvent),
            handle_batch=preflight.check,
            bulk_topics=bulk_requests,
        ),
        Subscription(
            group=f"{SERVICE}-settlement",
            topics=events,
            decode=JOB_EVENT,
            handle_batch=settlement.settle_all,
            bulk_topics=bulk_events,
            wanted=lambda topic, event_type: event_type in ENDINGS,
        ),
    )
