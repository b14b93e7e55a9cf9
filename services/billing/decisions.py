"""Pre-flight decisions by job id: a redelivered request gets the same answer."""

from typing import Literal

from pydantic import BaseModel, Field
from pymongo.errors import DuplicateKeyError

from contracts.events import RejectionCode
from shared.database import Database, Index, now_ms

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

    async def get(self, job_id: str) -> Decision | None:
        doc = await self._decisions.find_one({"_id": job_id})
        return Decision.model_validate(doc) if doc else None

    async def record(self, decision: Decision) -> Decision:
        """Store the decision; if one was stored first (another instance), that one wins."""
        try:
            await self._decisions.insert_one(decision.model_dump(by_alias=True, mode="json"))
        except DuplicateKeyError:
            return await self.get(decision.job_id) or decision
        return decision
