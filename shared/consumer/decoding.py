"""Decoding what a consumer read, and dead-lettering what cannot be handled.

A record is decoded once; one its subscription does not want is settled unread (by header), one
that is not a valid event is dead-lettered as poison.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from aiokafka import ConsumerRecord
from pydantic import TypeAdapter, ValidationError

from contracts.envelope import CloudEvent
from contracts.events import DeadLettered, DeadLetteredEvent
from contracts.topics import DEAD_LETTERS
from shared import metrics
from shared.bus import EventBus
from shared.errors import PermanentError, StudioError

log = logging.getLogger(__name__)
EventT = TypeVar("EventT", bound=CloudEvent[Any])
TRACE_HEADERS = frozenset({"traceparent", "tracestate"})


@dataclass(frozen=True)
class Delivered(Generic[EventT]):
    """A record and the event it holds."""

    record: ConsumerRecord
    event: EventT


class Decoder(Generic[EventT]):
    """How one subscription's records become events, and where those given up on go."""

    def __init__(
        self,
        group: str,
        decode: TypeAdapter[EventT],
        wanted: Callable[[str, str | None], bool] | None,
        bus: EventBus,
    ) -> None:
        self._group = group
        self._decode = decode
        self._wanted = wanted
        self._bus = bus

    async def decode(self, record: ConsumerRecord, carry_trace: bool) -> EventT | None:
        """The record's event; None for a type not handled here, or for poison (dead-lettered
        here). `carry_trace` keeps the record's trace headers on the event for its follow-ups."""
        headers = record.headers or ()
        if self._wanted is not None and not self._wanted(record.topic, _ce_type(headers)):
            metrics.RECORDS_HANDLED.labels(record.topic, "skipped").inc()
            return None
        try:
            event = self._decode.validate_json(record.value or b"")
        except ValidationError:
            log.error("poison record at %s:%d:%d", record.topic, record.partition, record.offset)
            error = PermanentError("poison_record", "the record is not a valid event")
            await self.dead_letter(record, None, error, 1)
            metrics.RECORDS_HANDLED.labels(record.topic, "poison").inc()
            return None
        if carry_trace:
            event._trace = [(k, v) for k, v in headers if k in TRACE_HEADERS]
        return event

    async def dead_letter(
        self,
        record: ConsumerRecord,
        event: EventT | None,
        error: StudioError,
        attempts: int,
        detail: str | None = None,
    ) -> None:
        key = (record.key or b"unknown").decode(errors="replace")
        await park(
            self._bus,
            DeadLettered(
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                code=error.code,
                message=detail or error.message,
                attempts=attempts,
                record=(record.value or b"").decode(errors="replace"),
            ),
            source=f"/services/{self._group}",
            tenant_id=event.tenant_id if event else "unknown",
            job_id=event.job_id if event else key,
        )


async def park(
    bus: EventBus, data: DeadLettered, *, source: str, tenant_id: str, job_id: str
) -> None:
    """Put a record given up on into the dead-letter topic, with the reason."""
    parked = DeadLetteredEvent(
        id=f"{job_id}:dead_lettered:{data.topic}:{data.partition}:{data.offset}",
        source=source,
        tenant_id=tenant_id,
        job_id=job_id,
        data=data,
    )
    await bus.publish(DEAD_LETTERS, parked)


def _ce_type(headers: Any) -> str | None:
    for key, value in headers:
        if key == "ce_type":
            return bytes(value).decode()
    return None
