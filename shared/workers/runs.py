"""A worker service's record of each run: who holds the job, and how it ended (each service keeps
its own collection, `{service}_runs`).

A lease makes one worker the holder of a job: a redelivered copy (a broker redelivery, a sweeper
re-publication) is skipped while the holder's lease is live, taken over once it has expired, and
answered with the recorded final event once the job has ended. So a job renders once, and ends once.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel, Field
from pymongo import UpdateOne
from pymongo.errors import DuplicateKeyError, PyMongoError

from contracts import topics
from contracts.events import (
    CancelJobEvent,
    JobCancelled,
    JobCancelledEvent,
    JobCompletedEvent,
    JobFailedEvent,
    RunJobEvent,
    follow_up,
)
from shared.batching import GroupCommit
from shared.bus import EventBus
from shared.database import Database, Document, Index, insert_new, now_ms


def run_indexes(service: str) -> dict[str, list[Index]]:
    """The service's run collection (looked up by _id only: no further index)."""
    return {collection_of(service): []}


def collection_of(service: str) -> str:
    return f"{service}_runs"


log = logging.getLogger(__name__)

FinalEvent = JobCompletedEvent | JobFailedEvent | JobCancelledEvent


class RunRecord(BaseModel):
    job_id: str = Field(alias="_id")
    tenant_id: str
    owner: str
    lease_until_ms: int
    ended: int = Field(default=0, description="1 once `final` is set (an int: portable filter).")
    final: str | None = Field(default=None, description="The final event as emitted (JSON).")
    final_type: str | None = None
    finished_at_ms: int | None = None

    def final_event(self) -> FinalEvent | None:
        if self.final is None:
            return None
        if self.final_type == JobFailedEvent.model_fields["type"].default:
            return JobFailedEvent.model_validate_json(self.final)
        if self.final_type == JobCancelledEvent.model_fields["type"].default:
            return JobCancelledEvent.model_validate_json(self.final)
        return JobCompletedEvent.model_validate_json(self.final)


class Claim(Enum):
    HELD = "held"
    BUSY = "busy"
    ENDED = "ended"


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    ended_with: FinalEvent | None = None


class Runs:
    """Leases and outcomes of runs, by job id."""

    def __init__(self, db: Database, service: str, owner: str, lease_s: float) -> None:
        self._runs = db[collection_of(service)]
        self._source = f"/services/{service}"
        self._owner = owner
        self._lease_ms = int(lease_s * 1000)
        self._new_runs = GroupCommit(self._insert_new)
        self._endings = GroupCommit(self._end_open)

    async def claim(self, job_id: str, tenant_id: str) -> ClaimResult:
        """Take the job's lease (new, expired or ours already), or tell why not. New runs of
        jobs arriving together are recorded together."""
        now = now_ms()
        record = RunRecord(
            _id=job_id, tenant_id=tenant_id, owner=self._owner, lease_until_ms=now + self._lease_ms
        )
        if await self._new_runs.submit(record.model_dump(by_alias=True, exclude_none=True)):
            return ClaimResult(Claim.HELD)
        taken = await self._runs.update_one(
            {
                "_id": job_id,
                "ended": 0,
                "$or": [{"lease_until_ms": {"$lt": now}}, {"owner": self._owner}],
            },
            {"$set": {"owner": self._owner, "lease_until_ms": now + self._lease_ms}},
        )
        if taken.modified_count == 1:
            return ClaimResult(Claim.HELD)
        doc = await self._runs.find_one({"_id": job_id})
        ended = RunRecord.model_validate(doc).final_event() if doc else None
        return ClaimResult(Claim.ENDED, ended) if ended else ClaimResult(Claim.BUSY)

    async def claim_or_wait(self, job_id: str, tenant_id: str) -> ClaimResult:
        """Claim; while another worker holds the job, keep trying until its lease has had time
        to run out (a crashed holder stops renewing it)."""
        deadline = time.monotonic() + self._lease_ms / 1000 + 1
        result = await self.claim(job_id, tenant_id)
        while result.claim is Claim.BUSY and time.monotonic() < deadline:
            await asyncio.sleep(min(1.0, self._lease_ms / 4000))
            result = await self.claim(job_id, tenant_id)
        return result

    @asynccontextmanager
    async def holding(self, job_id: str) -> AsyncIterator[None]:
        """Keep our lease on the job alive while the block runs (renewed every third of it)."""
        renewal = asyncio.create_task(self._renew_every(job_id, self._lease_ms / 3000))
        try:
            yield
        finally:
            renewal.cancel()
            with suppress(asyncio.CancelledError):
                await renewal

    async def _renew_every(self, job_id: str, every_s: float) -> None:
        while True:
            await asyncio.sleep(every_s)
            try:
                await self._runs.update_one(
                    {"_id": job_id, "owner": self._owner},
                    {"$set": {"lease_until_ms": now_ms() + self._lease_ms}},
                )
            except PyMongoError as exc:
                log.warning("could not renew the lease: %s", exc)

    async def run_once(
        self, job: RunJobEvent, bus: EventBus, work: Callable[[], Awaitable[None]]
    ) -> None:
        """Run `work` for a job once. A copy of a job another worker holds waits for that
        worker's lease (it may have crashed) and is dropped if the holder is alive; a copy of an
        ended job announces its ending again (the announcement may be what was lost)."""
        claim = await self.claim_or_wait(job.job_id, job.tenant_id)
        if claim.ended_with is not None:
            await bus.publish(topics.event_topic(job.lane), claim.ended_with)
        elif claim.claim is Claim.BUSY:
            log.info("another live worker holds this job; this copy is dropped")
        else:
            async with self.holding(job.job_id):
                await work()

    async def announce(self, bus: EventBus, ending: FinalEvent) -> bool:
        """Record the job's ending, then publish it (or the earlier ending that won); True when
        `ending` was the first."""
        announced = await self.finish(ending)
        await bus.publish(topics.event_topic(ending.lane), announced)
        return announced is ending

    async def cancel_unclaimed(self, command: CancelJobEvent, bus: EventBus) -> None:
        """End the job `cancelled` if no worker has taken it yet: its run is recorded as ended,
        so the `run` command, when it comes, only announces the cancellation again (and billing
        gives back what it held). A job already taken runs to its end."""
        cancelled = follow_up(
            command,
            JobCancelledEvent,
            JobCancelled(reason=command.data.reason),
            source=self._source,
            fact="cancelled",
        )
        now = now_ms()
        record = {
            "_id": command.job_id,
            "tenant_id": command.tenant_id,
            "owner": "cancelled",
            "lease_until_ms": now,
            "ended": 1,
            "final": cancelled.model_dump_json(),
            "final_type": cancelled.type,
            "finished_at_ms": now,
        }
        try:
            await self._runs.insert_one(record)
        except DuplicateKeyError:
            log.info("the job has started (or ended): it is not cancelled")
            return
        await bus.publish(topics.event_topic(cancelled.lane), cancelled)

    async def finish(self, event: FinalEvent) -> FinalEvent:
        """Record how the job ended, before it is announced (endings of jobs ending together go
        in one write). The first ending wins: the event returned is the one to announce (an
        earlier ending if there was one)."""
        now = now_ms()
        ending = {
            "ended": 1,
            "final": event.model_dump_json(),
            "final_type": event.type,
            "finished_at_ms": now,
            "lease_until_ms": now,
        }
        if await self._endings.submit((event.job_id, ending)):
            return event
        doc = await self._runs.find_one({"_id": event.job_id})
        if doc is None:
            record = {"_id": event.job_id, "tenant_id": event.tenant_id, "owner": self._owner}
            with suppress(DuplicateKeyError):
                await self._runs.insert_one(record | ending)
                return event
            doc = await self._runs.find_one({"_id": event.job_id})
        earlier = RunRecord.model_validate(doc).final_event()
        return earlier or event

    async def _insert_new(self, docs: list[Document]) -> list[bool]:
        """Insert runs together: whether each was new."""
        taken = await insert_new(self._runs, docs)
        return [index not in taken for index in range(len(docs))]

    async def _end_open(self, endings: list[tuple[str, Document]]) -> list[bool]:
        """Record endings together, each only on a run not ended yet: whether each was."""
        writes = [UpdateOne({"_id": job_id, "ended": 0}, {"$set": e}) for job_id, e in endings]
        done = await self._runs.bulk_write(writes, ordered=False)
        if done.modified_count == len(endings):
            return [True] * len(endings)
        # some run had ended already: ours are those that now hold our ending
        ours = {job_id: e["final"] for job_id, e in endings}
        docs = await self._runs.find({"_id": {"$in": list(ours)}}, {"final": 1}).to_list()
        held = {doc["_id"]: doc.get("final") for doc in docs}
        return [held.get(job_id) == ours[job_id] for job_id, _ in endings]
