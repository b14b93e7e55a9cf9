"""Each tenant's library settings: days in the trash and retention rules (one document per
tenant, the defaults while it has none)."""

from pydantic import Field

from contracts.http.trash import (
    DEFAULT_TRASH_DAYS,
    LibrarySettingsPublic,
    LibrarySettingsUpdate,
    RetentionRule,
)
from shared.database import Database, Index, from_ms, now_ms

COLLECTION = "library_settings"
INDEXES = {COLLECTION: [Index([("rule_count", 1)])]}


class PolicyRecord(LibrarySettingsUpdate):
    id: str = Field(alias="_id")
    rule_count: int = 0
    updated_at_ms: int

    def public(self) -> LibrarySettingsPublic:
        fields = self.model_dump(include=set(LibrarySettingsUpdate.model_fields))
        return LibrarySettingsPublic(**fields, updated_at=from_ms(self.updated_at_ms))


class Policies:
    def __init__(self, db: Database) -> None:
        self._settings = db[COLLECTION]

    async def get(self, tenant_id: str) -> LibrarySettingsPublic:
        doc = await self._settings.find_one({"_id": tenant_id})
        if doc is None:
            return LibrarySettingsPublic(updated_at=None)
        return PolicyRecord.model_validate(doc).public()

    async def trash_days(self, tenant_id: str) -> int:
        doc = await self._settings.find_one({"_id": tenant_id}, {"trash_days": 1})
        return int(doc["trash_days"]) if doc else DEFAULT_TRASH_DAYS

    async def put(self, tenant_id: str, body: LibrarySettingsUpdate) -> LibrarySettingsPublic:
        record = PolicyRecord(
            _id=tenant_id,
            **body.model_dump(),
            rule_count=len(body.retention_rules),
            updated_at_ms=now_ms(),
        )
        doc = record.model_dump(mode="json", by_alias=True)
        await self._settings.replace_one({"_id": tenant_id}, doc, upsert=True)
        return record.public()

    async def with_rules(self) -> dict[str, list[RetentionRule]]:
        """Every tenant that has retention rules, and its rules."""
        found = self._settings.find({"rule_count": {"$gt": 0}})
        return {doc["_id"]: PolicyRecord.model_validate(doc).retention_rules async for doc in found}
