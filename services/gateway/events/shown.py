"""The events clients see, across projectors. Once a projector has stored a batch's shown events
in the history, it publishes them to `SHOWN`; every projector tails that topic and offers each
event to the clients connected to it (`Fanout`). So a client sees every event of its tenant
whichever projector it is connected to, and only events a reconnecting client can replay."""

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from aiokafka import ConsumerRecord
from pydantic import BaseModel, ValidationError

from contracts.events import JobEvent
from contracts.topics import SHOWN
from services.gateway.events.fanout import Fanout
from services.gateway.events.history import StoredEvent, stored_as
from shared.bus import EventBus
from shared.consumer.tail import Handle

log = logging.getLogger(__name__)

Announce = Callable[[list[JobEvent]], Awaitable[None]]
"""Makes stored events known to every projector's clients."""


def announcing(bus: EventBus) -> Announce:
    """Announce by publishing to `SHOWN`."""

    async def announce(events: list[JobEvent]) -> None:
        await bus.publish_all([(SHOWN, event) for event in events])

    return announce


class _Head(BaseModel):
    """What a client's filter needs of an event, read without its data."""

    id: str
    tenant_id: str
    job_id: str
    batch_id: str | None = None
    time: datetime


def shown_of(value: bytes) -> StoredEvent:
    """A `SHOWN` record as clients receive it (its value is the event's JSON, as stored)."""
    return stored_as(_Head.model_validate_json(value), value.decode())


def feeding(fanout: Fanout) -> Handle:
    """The tail handler offering each shown event to this projector's clients."""

    def offer(records: list[ConsumerRecord[bytes, bytes]]) -> None:
        for record in records:
            try:
                fanout.publish(shown_of(record.value))
            except ValidationError:
                log.warning("a record on %s is not an event: skipped", SHOWN)

    return offer
