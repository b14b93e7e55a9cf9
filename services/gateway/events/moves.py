"""Moving job records by their events: where each job stands, and every move of a batch
written in one round trip, guarded so a status only moves forward."""

from dataclasses import dataclass
from typing import Any

from pymongo import UpdateOne

from contracts.events import (
    JobCompletedEvent,
    JobEvent,
    JobFailedEvent,
    JobProgressEvent,
    JobRejectedEvent,
)
from contracts.http.jobs import JobErrorPublic
from contracts.jobs import JobStatus
from services.gateway.jobs.records import COLLECTION, OPEN_STATUSES
from shared.database import Database, now_ms


@dataclass
class JobState:
    """What a projection needs to know of a job to apply its events."""

    tenant_id: str
    kind: str
    status: JobStatus
    created_at_ms: int
    credits_off: int = 0
    """A batch's volume discount on the job: its cost is shown less it, as billing charges."""


@dataclass(frozen=True)
class Move:
    """A job moved to `status` by events, and the fields they set (written together)."""

    job_id: str
    tenant_id: str
    status: JobStatus
    fields: dict[str, Any]

    def update(self, now: int) -> UpdateOne:
        """The write, guarded so a status only moves forward (a final one only from an open
        one: the first ending wins), whoever else writes the job."""
        guard: dict[str, Any] = {"_id": self.job_id, "tenant_id": self.tenant_id}
        if self.status.is_final:
            guard["status"] = {"$in": OPEN_STATUSES}
        else:
            guard["status_rank"] = {"$lte": self.status.rank}
        change = {
            "status": self.status.value,
            "status_rank": self.status.rank,
            "updated_at_ms": now,
        }
        return UpdateOne(guard, {"$set": self.fields | change})


class JobMoves:
    """The job collection, as the projection reads and moves it."""

    def __init__(self, db: Database) -> None:
        self._jobs = db[COLLECTION]

    async def states(self, job_ids: list[str]) -> dict[str, JobState]:
        """Where each of these jobs stands (unknown ones are missing)."""
        fields = {"tenant_id": 1, "kind": 1, "status": 1, "created_at_ms": 1, "discount": 1}
        docs = await self._jobs.find({"_id": {"$in": job_ids}}, fields).to_list()
        return {
            doc["_id"]: JobState(
                doc["tenant_id"],
                doc["kind"],
                JobStatus(doc["status"]),
                int(doc["created_at_ms"]),
                int((doc.get("discount") or {}).get("credits_off", 0)),
            )
            for doc in docs
        }

    async def move_all(self, moves: list[Move]) -> None:
        """Write every move in one round trip."""
        if moves:
            now = now_ms()
            await self._jobs.bulk_write([move.update(now) for move in moves], ordered=False)


def as_charged(event: JobEvent, credits_off: int) -> JobEvent:
    """The event as clients are shown it: a completed job's cost less its volume discount,
    `credits_off`, which is what billing charges (the worker prices at list)."""
    if not credits_off or not isinstance(event, JobCompletedEvent):
        return event
    cost = event.data.cost
    charged = cost.model_copy(update={"credits": max(0, cost.credits - credits_off)})
    return event.model_copy(update={"data": event.data.model_copy(update={"cost": charged})})


def outcome_fields(event: JobEvent) -> dict[str, Any]:
    """The fields an event sets on its job besides the status."""
    if isinstance(event, JobProgressEvent):
        return {"progress": event.data.model_dump()}
    if isinstance(event, JobCompletedEvent):
        done = event.data
        return {
            "asset_ids": [asset.id for asset in done.assets],
            "cost": done.cost.model_dump(mode="json"),
            "progress": {"percent": 100, "message": "completed"},
            "provider": done.provider,
            "model": done.model or None,
            "attempts": [attempt.model_dump(mode="json") for attempt in done.attempts],
            "cached_from": done.cached_from,
            "failures": [failure.model_dump(mode="json") for failure in done.failures],
            "choice": done.choice.model_dump(mode="json") if done.choice else None,
            "decision": done.decision.model_dump(mode="json") if done.decision else None,
        }
    if isinstance(event, JobFailedEvent):
        attempts = [attempt.model_dump(mode="json") for attempt in event.data.attempts]
        return {
            "error": event.data.model_dump(mode="json", exclude={"attempts"}),
            "attempts": attempts,
        }
    if isinstance(event, JobRejectedEvent):
        refusal = JobErrorPublic(code=event.data.code, message=event.data.message, retriable=False)
        return {"error": refusal.model_dump()}
    return {}
