"""Export history: every archive (job, batch or collection zip) the gateway sent, with what it
held; each of its assets counts an `archive` use."""

from pydantic import BaseModel, Field

from contracts.http.usage import ExportCreate, ExportKind, ExportPublic
from services.library.usage.records import Usage, Use
from shared.database import Database, Index, from_ms, now_ms
from shared.ids import new_id
from shared.pages import fetch_page

COLLECTION = "exports"
INDEXES = {COLLECTION: [Index([("tenant_id", 1), ("created_at_ms", -1)])]}


class ExportRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    kind: ExportKind
    of: str
    asset_ids: list[str]
    bytes: int | None
    actor: str
    created_at_ms: int

    def public(self) -> ExportPublic:
        return ExportPublic(
            id=self.id,
            kind=self.kind,
            of=self.of,
            asset_ids=self.asset_ids,
            count=len(self.asset_ids),
            bytes=self.bytes,
            actor=self.actor,
            at=from_ms(self.created_at_ms),
        )


class Exports:
    def __init__(self, db: Database, usage: Usage) -> None:
        self._exports = db[COLLECTION]
        self._usage = usage

    async def record(self, tenant_id: str, export: ExportCreate) -> ExportRecord:
        record = ExportRecord(
            _id=new_id("exp"),
            tenant_id=tenant_id,
            kind=export.kind,
            of=export.of,
            asset_ids=[asset.asset_id for asset in export.assets],
            bytes=export.bytes,
            actor=export.actor,
            created_at_ms=now_ms(),
        )
        await self._exports.insert_one(record.model_dump(by_alias=True))
        uses = [Use(a.asset_id, "archive", export.actor, a) for a in export.assets]
        await self._usage.record(tenant_id, uses)
        return record

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[ExportRecord], str | None]:
        docs, following = await fetch_page(self._exports, {"tenant_id": tenant_id}, cursor, limit)
        return [ExportRecord.model_validate(doc) for doc in docs], following
