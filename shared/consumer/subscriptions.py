"""What a service consumes: subscriptions, and the two every job worker has (its work and its
control topics).

A subscription names its consumer group, its topics (the bulk lane's apart), how to decode a
record and how to handle it: `handle` one event at a time (jobs) or `handle_batch` a lane's
events together (projections, billing, the library).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter

from contracts.envelope import CloudEvent
from contracts.events import CancelJobEvent, RunJobEvent
from contracts.topics import LANES, Lane, control_topic, work_topic
from shared.errors import StudioError

EventT = TypeVar("EventT", bound=CloudEvent[Any])


@dataclass(frozen=True)
class Subscription(Generic[EventT]):
    """What a consumer reads and what it does with each record (`handle`) or with a lane's
    records together (`handle_batch`): exactly one of the two.

    `on_failure` runs once an event is given up on: at once for a `PermanentError`, after
    dead-lettering when retries are exhausted. Job workers use it to end the job `failed`.
    """

    group: str
    topics: list[str]
    decode: TypeAdapter[EventT]
    handle: Callable[[EventT], Awaitable[None]] | None = None
    on_failure: Callable[[EventT, StudioError], Awaitable[None]] | None = None
    bulk_topics: frozenset[str] = frozenset()
    """Topics of the bulk lane: read apart; one by one they hold at most `bulk_share` of the
    slots."""
    tenant_caps: bool = False
    """Whether one tenant's records hold at most `tenant_share` of the slots (one by one)."""
    handle_batch: Callable[[list[EventT]], Awaitable[None]] | None = None
    wanted: Callable[[str, str | None], bool] | None = None
    """Which records are handled, by topic and CloudEvents type (the `ce_type` header); the
    others are settled unread. All of them when None."""

    def __post_init__(self) -> None:
        if (self.handle is None) == (self.handle_batch is None):
            raise ValueError(f"{self.group}: give exactly one of handle and handle_batch")

    def lanes(self) -> dict[Lane, list[str]]:
        """Each lane's topics (a lane without topics is left out)."""
        lanes: dict[Lane, list[str]] = {
            "interactive": [topic for topic in self.topics if topic not in self.bulk_topics],
            "bulk": [topic for topic in self.topics if topic in self.bulk_topics],
        }
        return {lane: topics for lane, topics in lanes.items() if topics}


def both_lanes(topic_of: Callable[[Lane], str]) -> tuple[list[str], frozenset[str]]:
    """A laned topic's two topics, and its bulk one: a `Subscription`'s `topics` and
    `bulk_topics`."""
    return [topic_of(lane) for lane in LANES], frozenset({topic_of("bulk")})


def work_subscription(
    service: str,
    handle: Callable[[RunJobEvent], Awaitable[None]],
    on_failure: Callable[[RunJobEvent, StudioError], Awaitable[None]],
) -> Subscription[RunJobEvent]:
    """A worker service's jobs: both lanes of its work topic, in one consumer group."""
    topics, bulk = both_lanes(partial(work_topic, service))
    return Subscription(
        group=service,
        topics=topics,
        decode=TypeAdapter(RunJobEvent),
        handle=handle,
        on_failure=on_failure,
        bulk_topics=bulk,
        tenant_caps=True,
    )


def control_subscription(
    service: str, cancel: Callable[[CancelJobEvent], Awaitable[None]]
) -> Subscription[CancelJobEvent]:
    """A worker service's control commands (cancel), in their own consumer group."""
    return Subscription(
        group=f"{service}-control",
        topics=[control_topic(service)],
        decode=TypeAdapter(CancelJobEvent),
        handle=cancel,
    )
