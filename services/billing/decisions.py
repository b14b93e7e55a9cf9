"""Pre-flight decisions by job id: a redelivered request gets the same answer."""

from typing import Literal

from pydantic import BaseModel, Field

from contracts.events import RejectionCode
from shared.database import Database, Index, insert_new, now_ms

COLLECTION = "billing_decisions"
Outcome = Literal["approved", "rejected"]
INDEXES: dict[str, list[Index]] = {COLLECTION: []}


class Decision(BaseModel):
    job_id: str = Field(alias="_id")
    tenant_id: str
    outcome: Outcome
    credits: int = 0
    code: RejectionCode | None = None
    message: str | None = None
    decided_at_ms: int = Field(default_factory=now_ms)


class Decisions:
    def __init__(self, db: Database) -> None:
        self._decisions = db[COLLECTION]

    async def get_all(self, job_ids: list[str]) -> dict[str, Decision]:
        """The decisions made for these jobs, by job id (undecided ones are missing)."""
        docs = await self._decisions.find({"_id": {"$in": job_ids}}).to_list()
        return {doc["_id"]: Decision.model_validate(doc) for doc in docs}

    async def record_all(self, decisions: list[Decision]) -> list[Decision]:
        """Store the decisions together; where one was stored first (another instance), that
        one wins and is returned in its place."""
        docs = [decision.model_dump(by_alias=True, mode="json") for decision in decisions]
        taken = await insert_new(self._decisions, docs)
        if not taken:
            return decisions
        first = await self.get_all([decisions[index].job_id for index in taken])
        return [first.get(d.job_id, d) if i in taken else d for i, d in enumerate(decisions)]
