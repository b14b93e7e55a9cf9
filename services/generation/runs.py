"""The generation service's own record of finished runs, so a redelivered job is not redone."""

from pydantic import BaseModel, Field

from contracts.events import JobCompletedEvent
from shared.database import Database, Index, now_ms

COLLECTION = "generation_runs"
INDEXES = {COLLECTION: [Index([("tenant_id", 1), ("finished_at_ms", -1)])]}


class RunRecord(BaseModel):
    job_id: str = Field(alias="_id")
    tenant_id: str
    completed: str = Field(description="The `completed` event as emitted (JSON).")
    finished_at_ms: int


class Runs:
    """Finished runs by job id."""

    def __init__(self, db: Database) -> None:
        self._runs = db[COLLECTION]

    async def completed_event(self, job_id: str) -> JobCompletedEvent | None:
        """The `completed` event of a job already done, to emit again instead of redoing it."""
        doc = await self._runs.find_one({"_id": job_id})
        if doc is None:
            return None
        return JobCompletedEvent.model_validate_json(RunRecord.model_validate(doc).completed)

    async def record_completed(self, event: JobCompletedEvent) -> None:
        record = RunRecord(
            _id=event.job_id,
            tenant_id=event.tenant_id,
            completed=event.model_dump_json(),
            finished_at_ms=now_ms(),
        )
        await self._runs.replace_one(
            {"_id": event.job_id}, record.model_dump(by_alias=True), upsert=True
        )
