"""Event history: every job event the gateway saw, kept to replay to late or resuming clients."""

from collections.abc import Mapping
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from pymongo.errors import DuplicateKeyError

from contracts.events import JobEvent
from shared.database import Database, Index, to_ms

COLLECTION = "job_events"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("job_id", 1), ("time_ms", 1)]),
        Index([("tenant_id", 1), ("time_ms", 1)]),
        Index([("expires_at", 1)], expire_after_s=0),
    ]
}
REPLAY_LIMIT = 1000


class StoredEvent(BaseModel):
    """A job event as clients receive it: its id and its CloudEvent JSON."""

    id: str = Field(alias="_id")
    tenant_id: str
    job_id: str
    time_ms: int
    payload: str


class History:
    """Append-only store of job events (insert-only; TTL removes old ones)."""

    def __init__(self, db: Database, keep_days: int) -> None:
        self._events = db[COLLECTION]
        self._keep = timedelta(days=keep_days)

    async def add(self, event: JobEvent) -> StoredEvent:
        stored = StoredEvent(
            _id=event.id,
            tenant_id=event.tenant_id,
            job_id=event.job_id,
            time_ms=to_ms(event.time),
            payload=event.model_dump_json(),
        )
        doc = stored.model_dump(by_alias=True) | {"expires_at": datetime.now(UTC) + self._keep}
        with suppress(DuplicateKeyError):
            await self._events.insert_one(doc)
        return stored

    async def of_jobs(self, tenant_id: str, job_ids: list[str]) -> list[StoredEvent]:
        """Every stored event of these jobs, oldest first."""
        query = {"tenant_id": tenant_id, "job_id": {"$in": job_ids}}
        return await self._find(query)

    async def after(self, tenant_id: str, event_id: str) -> list[StoredEvent]:
        """The tenant's events after the one a client last saw (none if it is unknown)."""
        last = await self._events.find_one({"_id": event_id, "tenant_id": tenant_id})
        if last is None:
            return []
        t = last["time_ms"]
        query = {
            "tenant_id": tenant_id,
            "$or": [{"time_ms": {"$gt": t}}, {"time_ms": t, "_id": {"$gt": event_id}}],
        }
        return await self._find(query)

    async def _find(self, query: Mapping[str, Any]) -> list[StoredEvent]:
        cursor = self._events.find(query).sort([("time_ms", 1), ("_id", 1)]).limit(REPLAY_LIMIT)
        return [StoredEvent.model_validate(doc) async for doc in cursor]
