"""A scheduled batch's held jobs, in the job collection: released (to `accepted`, then published)
or cancelled, each move one conditional write per job, so a release and a cancel racing for a
job leave it moved once."""

from typing import Any

from contracts.events import JobCancelled, JobCancelledEvent, follow_up
from contracts.jobs import JobStatus
from services.gateway import SOURCE
from services.gateway.jobs.records import COLLECTION, JobRecord
from shared.database import Database, now_ms
from shared.ids import new_id


class HeldJobs:
    def __init__(self, db: Database) -> None:
        self._jobs = db[COLLECTION]

    async def release(self, batch_id: str) -> list[JobRecord]:
        """Move the batch's scheduled jobs to `accepted`; those this call moved."""
        accepted = {"status": JobStatus.ACCEPTED.value, "status_rank": JobStatus.ACCEPTED.rank}
        return await self._move(batch_id, accepted)

    async def cancel(self, batch_id: str) -> list[JobRecord]:
        """Move the batch's scheduled jobs to `cancelled`; those this call moved."""
        return await self._move(batch_id, {"status": JobStatus.CANCELLED.value, "status_rank": 3})

    async def _move(self, batch_id: str, change: dict[str, Any]) -> list[JobRecord]:
        mark = new_id("mov")
        held = {"batch_id": batch_id, "status": JobStatus.SCHEDULED.value}
        moved = change | {"updated_at_ms": now_ms(), "held_until_moved_by": mark}
        await self._jobs.update_many(held, {"$set": moved})
        docs = await self._jobs.find({"batch_id": batch_id, "held_until_moved_by": mark}).to_list()
        return [JobRecord.model_validate(doc) for doc in docs]


def cancelled_event(job: JobRecord, reason: str) -> JobCancelledEvent:
    """The `cancelled` fact of a job cancelled before it was ever sent."""
    data = JobCancelled(reason=reason)
    return follow_up(job.requested(), JobCancelledEvent, data, source=SOURCE, fact="cancelled")
