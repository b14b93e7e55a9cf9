"""The ledger: append-only, one entry per money movement, idempotent by entry id.

A tenant's balance (`available`) always equals the sum of its entries: grants and packs add,
a reservation takes the job's estimate, its capture gives back what was not spent, a release
gives back all of it.
"""

from contextlib import suppress
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from pymongo.errors import BulkWriteError, DuplicateKeyError

from contracts.http.billing import LedgerEntryPublic, LedgerKind, UsageRow
from shared.database import Database, Index, from_ms, now_ms
from shared.pages import fetch_page

COLLECTION = "billing_ledger"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("created_at_ms", -1)]),
        Index([("tenant_id", 1), ("kind", 1), ("day", 1)]),
    ]
}
DUPLICATE_KEY = 11000


class LedgerEntry(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    kind: LedgerKind
    credits: int
    job_id: str | None = None
    operation: str | None = None
    provider: str | None = None
    charged: int = Field(default=0, description="Credits a capture kept (its actual cost).")
    usd: str = Field(default="0", description="Provider cost of a capture (decimal text).")
    memo: str | None = None
    day: str = Field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d"))
    created_at_ms: int = Field(default_factory=now_ms)

    def public(self) -> LedgerEntryPublic:
        return LedgerEntryPublic(
            id=self.id,
            kind=self.kind,
            credits=self.credits,
            job_id=self.job_id,
            memo=self.memo,
            created_at=from_ms(self.created_at_ms),
        )


class Ledger:
    """Entries by tenant; nothing is ever updated or deleted."""

    def __init__(self, db: Database) -> None:
        self._entries = db[COLLECTION]

    async def append(self, entry: LedgerEntry) -> None:
        """Write an entry once (a repeated id is the same movement: ignored)."""
        with suppress(DuplicateKeyError):
            await self._entries.insert_one(entry.model_dump(by_alias=True))

    async def append_all(self, entries: list[LedgerEntry]) -> None:
        """Write entries once each, in one round trip (repeated ids are ignored)."""
        if len(entries) <= 1:
            for entry in entries:
                await self.append(entry)
            return
        docs = [entry.model_dump(by_alias=True) for entry in entries]
        try:
            await self._entries.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            errors = exc.details.get("writeErrors", [])
            if not errors or any(error.get("code") != DUPLICATE_KEY for error in errors):
                raise

    async def get(self, entry_id: str) -> LedgerEntry | None:
        doc = await self._entries.find_one({"_id": entry_id})
        return LedgerEntry.model_validate(doc) if doc else None

    async def balance(self, tenant_id: str) -> int:
        """The sum of the tenant's entries."""
        rows = self._entries.aggregate(
            [
                {"$match": {"tenant_id": tenant_id}},
                {"$group": {"_id": None, "sum": {"$sum": "$credits"}}},
            ]
        )
        async for row in await rows:
            return int(row["sum"])
        return 0

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[LedgerEntry], str | None]:
        docs, next_cursor = await fetch_page(self._entries, {"tenant_id": tenant_id}, cursor, limit)
        return [LedgerEntry.model_validate(doc) for doc in docs], next_cursor

    async def usage(self, tenant_id: str, since_day: str, until_day: str) -> list[UsageRow]:
        """What was spent, by day, operation and provider (captures only)."""
        match: dict[str, Any] = {
            "tenant_id": tenant_id,
            "kind": LedgerKind.CAPTURE.value,
            "day": {"$gte": since_day, "$lte": until_day},
        }
        rows: dict[tuple[str, str, str], UsageRow] = {}
        async for doc in self._entries.find(match):
            entry = LedgerEntry.model_validate(doc)
            key = (entry.day, entry.operation or "", entry.provider or "")
            row = rows.get(key) or UsageRow(
                day=date.fromisoformat(entry.day),
                operation=key[1],
                provider=key[2],
                jobs=0,
                credits=0,
                usd=Decimal(0),
            )
            rows[key] = row.model_copy(
                update={
                    "jobs": row.jobs + 1,
                    "credits": row.credits + entry.charged,
                    "usd": row.usd + Decimal(entry.usd),
                }
            )
        return [rows[key] for key in sorted(rows)]
