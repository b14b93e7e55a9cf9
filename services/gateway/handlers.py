"""The gateway's subscriptions: what its projector consumes from the bus."""

from functools import partial

from contracts.events import PROJECTED, EventType, Projected
from contracts.topics import WORKER_SERVICES, event_topic, library_topic, request_topic, work_topic
from services.gateway.events.projection import Projection
from shared.consumer.subscriptions import Subscription, both_lanes


def subscriptions(group: str, projection: Projection) -> list[Subscription[Projected]]:
    """Every subscription of the projector (consumer group `group`)."""
    return [projected(group, projection)]


def projected(group: str, projection: Projection) -> Subscription[Projected]:
    """Every record a job's lifecycle shows in: requests (accepted), work commands (approved),
    the job events, and the library's `completed` (once the assets are listed; the workers'
    own `completed` is not shown, so a client told "completed" can fetch the assets)."""
    families = [request_topic, event_topic, library_topic]
    families += [partial(work_topic, service) for service in WORKER_SERVICES]
    laned = [both_lanes(family) for family in families]
    job_events = set(both_lanes(event_topic)[0])

    def wanted(topic: str, event_type: str | None) -> bool:
        return not (event_type == EventType.COMPLETED and topic in job_events)

    return Subscription(
        group=group,
        topics=[topic for topics, _ in laned for topic in topics],
        decode=PROJECTED,
        handle_batch=projection.project,
        bulk_topics=frozenset().union(*(bulk for _, bulk in laned)),
        wanted=wanted,
    )
