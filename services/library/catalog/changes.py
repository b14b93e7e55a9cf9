"""The change log: every write to a tenant's assets bumps its revision and names the assets it
touched, so each replica's catalog knows what to read again.

The revision is one counter per tenant (`find_one_and_update` `$inc`); each revision's entry is
a document of its own, read back by exact ids (a range scan is slow on the local store). An entry
missing below the newest is a write still on its way (`Changed.gap`); the catalog waits for it a
few seconds, then reloads the tenant (its writer died between the two writes)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import ReturnDocument

from shared.database import Database, Index

REVISIONS = "library_revisions"
CHANGES = "library_changes"
KEEP_CHANGES_S = 86_400
MAX_IDS_PER_ENTRY = 1_000
INDEXES = {CHANGES: [Index([("at", 1)], expire_after_s=KEEP_CHANGES_S)]}


@dataclass(frozen=True)
class Changed:
    """What a reader at `since` must read again to be at `revision`; `everything` when it is
    quicker (or only safe) to reload the tenant; `gap` when an entry above `revision` is not
    written yet."""

    revision: int
    asset_ids: frozenset[str]
    everything: bool = False
    gap: bool = False


class ChangeLog:
    def __init__(self, db: Database) -> None:
        self._revisions = db[REVISIONS]
        self._changes = db[CHANGES]

    async def note(self, tenant_id: str, asset_ids: list[str]) -> int:
        """Record that these assets changed (a long list is recorded as `everything`)."""
        if not asset_ids:
            return await self.revision(tenant_id)
        doc = await self._revisions.find_one_and_update(
            {"_id": tenant_id},
            {"$inc": {"revision": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        revision = int(doc["revision"]) if doc else 0
        ids = sorted(set(asset_ids)) if len(asset_ids) <= MAX_IDS_PER_ENTRY else None
        entry = {"_id": _entry_id(tenant_id, revision), "ids": ids, "at": datetime.now(UTC)}
        await self._changes.insert_one(entry)
        return revision

    async def revision(self, tenant_id: str) -> int:
        doc = await self._revisions.find_one({"_id": tenant_id})
        return int(doc["revision"]) if doc else 0

    async def since(self, tenant_id: str, known: int, limit: int = 200) -> Changed:
        """What changed after revision `known`."""
        newest = await self.revision(tenant_id)
        if newest <= known:
            return Changed(known, frozenset())
        if newest - known > limit:
            return Changed(newest, frozenset(), everything=True)
        wanted = [_entry_id(tenant_id, r) for r in range(known + 1, newest + 1)]
        found = {doc["_id"]: doc async for doc in self._changes.find({"_id": {"$in": wanted}})}
        ids: set[str] = set()
        for revision, entry_id in enumerate(wanted, start=known + 1):
            entry = found.get(entry_id)
            if entry is None:
                return Changed(revision - 1, frozenset(ids), gap=True)
            if entry["ids"] is None:
                return Changed(newest, frozenset(), everything=True)
            ids.update(entry["ids"])
        return Changed(newest, frozenset(ids))


def _entry_id(tenant_id: str, revision: int) -> str:
    return f"{tenant_id}:{revision}"
