"""Event history: every job event the gateway saw, kept to replay to late or resuming clients."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from pydantic import BaseModel, Field

from contracts.events import JobEvent
from shared.database import Database, Index, insert_new, to_ms

COLLECTION = "job_events"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("job_id", 1), ("time_ms", 1)]),
        Index([("tenant_id", 1), ("time_ms", 1)]),
        Index(
            [("tenant_id", 1), ("batch_id", 1), ("time_ms", 1)],
            partial={"batch_id": {"$type": "string"}},
        ),
        Index([("expires_at", 1)], expire_after_s=0),
    ]
}
REPLAY_PAGE = 500
OLDEST_FIRST = [("time_ms", 1), ("_id", 1)]


class StoredEvent(BaseModel):
    """A job event as clients receive it: its id and its CloudEvent JSON."""

    id: str = Field(alias="_id")
    tenant_id: str
    job_id: str
    batch_id: str | None = None
    time_ms: int
    payload: str


class History:
    """Append-only store of job events (insert-only; TTL removes old ones)."""

    def __init__(self, db: Database, keep_days: int) -> None:
        self._events = db[COLLECTION]
        self._keep = timedelta(days=keep_days)

    async def add_all(self, events: list[JobEvent]) -> None:
        """Store events (one round trip; an event stored before is left as it is)."""
        if events:
            expires_at = datetime.now(UTC) + self._keep
            docs = [stored(e).model_dump(by_alias=True, exclude_none=True) for e in events]
            await insert_new(self._events, [doc | {"expires_at": expires_at} for doc in docs])

    async def replay(
        self,
        tenant_id: str,
        job_ids: list[str],
        after_id: str | None,
        batch_id: str | None = None,
    ) -> AsyncIterator[StoredEvent]:
        """Stored events, oldest first, page by page: those of `job_ids` or of a batch (all of
        them, or those after `after_id`), or, with neither, the tenant's events after
        `after_id`."""
        query: dict[str, Any] = {"tenant_id": tenant_id}
        if job_ids:
            query["job_id"] = {"$in": job_ids}
        if batch_id is not None:
            query["batch_id"] = batch_id
        position = await self._position(tenant_id, after_id)
        if not job_ids and batch_id is None and position is None:
            return
        while True:
            keyset = _after(position) if position else {}
            cursor = self._events.find(query | keyset).sort(OLDEST_FIRST).limit(REPLAY_PAGE)
            page = [StoredEvent.model_validate(doc) async for doc in cursor]
            for event in page:
                yield event
            if len(page) < REPLAY_PAGE:
                return
            position = (page[-1].time_ms, page[-1].id)

    async def _position(self, tenant_id: str, event_id: str | None) -> tuple[int, str] | None:
        if event_id is None:
            return None
        doc = await self._events.find_one({"_id": event_id, "tenant_id": tenant_id})
        return (int(doc["time_ms"]), event_id) if doc else None


class EventHead(Protocol):
    """What a client's filter needs of an event."""

    @property
    def id(self) -> str: ...

    @property
    def tenant_id(self) -> str: ...

    @property
    def job_id(self) -> str: ...

    @property
    def batch_id(self) -> str | None: ...

    @property
    def time(self) -> datetime: ...


def stored(event: JobEvent) -> StoredEvent:
    """The event as the history keeps it and clients receive it."""
    return stored_as(event, event.model_dump_json())


def stored_as(head: EventHead, payload: str) -> StoredEvent:
    """An event whose JSON is `payload`, as clients receive it."""
    return StoredEvent(
        _id=head.id,
        tenant_id=head.tenant_id,
        job_id=head.job_id,
        batch_id=head.batch_id,
        time_ms=to_ms(head.time),
        payload=payload,
    )


def _after(position: tuple[int, str]) -> dict[str, Any]:
    time_ms, event_id = position
    return {"$or": [{"time_ms": {"$gt": time_ms}}, {"time_ms": time_ms, "_id": {"$gt": event_id}}]}
