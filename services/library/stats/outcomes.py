"""Job outcomes: one document per job (`_id` its id, so a redelivered event changes nothing)
kept from its `completed` or `failed` event: the provider calls it made and how each went.
Read back per tenant over a window and summed per provider in Python (the local store is slow
at aggregation pipelines)."""

from datetime import UTC, datetime
from typing import Annotated

import numpy as np
from pydantic import BaseModel, Field, TypeAdapter
from pymongo import ReplaceOne

from contracts.events import (
    AttemptOutcome,
    EventType,
    JobCompletedEvent,
    JobFailedEvent,
)
from contracts.http.library_stats import ProviderOutcomes
from shared.database import Database, Index, to_ms

COLLECTION = "library_job_outcomes"
KEEP_S = 400 * 86_400
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("at_ms", -1)]),
        Index([("at", 1)], expire_after_s=KEEP_S),
    ]
}
JobEnded = Annotated[JobCompletedEvent | JobFailedEvent, Field(discriminator="type")]
JOB_ENDED = TypeAdapter[JobCompletedEvent | JobFailedEvent](JobEnded)
ENDINGS = frozenset({EventType.COMPLETED, EventType.FAILED})


class Call(BaseModel):
    provider: str
    ok: bool
    latency_ms: int


class Outcome(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    at_ms: int
    completed: bool
    provider: str | None = Field(description="Who delivered it, or was called last.")
    calls: list[Call]


def outcome_of(event: JobCompletedEvent | JobFailedEvent) -> Outcome:
    calls = [
        Call(provider=a.provider, ok=a.outcome == AttemptOutcome.OK, latency_ms=a.latency_ms)
        for a in event.data.attempts
        if a.outcome != AttemptOutcome.SKIPPED
    ]
    completed = isinstance(event, JobCompletedEvent)
    if isinstance(event, JobCompletedEvent) and not calls and event.data.cached_from is None:
        calls = [Call(provider=event.data.provider, ok=True, latency_ms=event.data.duration_ms)]
    provider = event.data.provider if isinstance(event, JobCompletedEvent) else None
    return Outcome(
        _id=event.job_id,
        tenant_id=event.tenant_id,
        at_ms=to_ms(event.time),
        completed=completed,
        provider=provider or (calls[-1].provider if calls else None),
        calls=calls,
    )


class Outcomes:
    def __init__(self, db: Database) -> None:
        self._outcomes = db[COLLECTION]

    async def record(self, events: list[JobCompletedEvent | JobFailedEvent]) -> None:
        """Keep each job's outcome (in one round trip; the last event of a job wins)."""
        latest = {event.job_id: outcome_of(event) for event in events}
        writes = [
            ReplaceOne(
                {"_id": job_id},
                {**outcome.model_dump(by_alias=True), "at": datetime.now(UTC)},
                upsert=True,
            )
            for job_id, outcome in latest.items()
        ]
        if writes:
            await self._outcomes.bulk_write(writes, ordered=False)

    async def since(self, tenant_id: str, since_ms: int) -> list[Outcome]:
        query = {"tenant_id": tenant_id, "at_ms": {"$gte": since_ms}}
        return [Outcome.model_validate(doc) async for doc in self._outcomes.find(query, {"at": 0})]


def per_provider(outcomes: list[Outcome]) -> list[ProviderOutcomes]:
    """Calls, successes and latency of each provider, most called first."""
    calls: dict[str, list[Call]] = {}
    ended: dict[str, list[bool]] = {}
    for outcome in outcomes:
        for call in outcome.calls:
            calls.setdefault(call.provider, []).append(call)
        if outcome.provider is not None:
            ended.setdefault(outcome.provider, []).append(outcome.completed)
    summed = [_summed(p, calls.get(p, []), ended.get(p, [])) for p in calls.keys() | ended.keys()]
    return sorted(summed, key=lambda s: (-s.calls, s.provider))


def _summed(provider: str, calls: list[Call], ended: list[bool]) -> ProviderOutcomes:
    latencies = np.array([call.latency_ms for call in calls if call.ok], np.float64)
    succeeded = sum(1 for call in calls if call.ok)
    p50, p95 = (None, None) if not len(latencies) else np.percentile(latencies, [50, 95])
    return ProviderOutcomes(
        provider=provider,
        calls=len(calls),
        succeeded=succeeded,
        failed=len(calls) - succeeded,
        success_rate=round(succeeded / len(calls), 4) if calls else 0.0,
        jobs_completed=sum(ended),
        jobs_failed=len(ended) - sum(ended),
        latency_ms_p50=None if p50 is None else round(float(p50)),
        latency_ms_p95=None if p95 is None else round(float(p95)),
    )
