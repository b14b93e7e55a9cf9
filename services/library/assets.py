"""Asset records: written from `completed` events and uploads, read by tenant, newest first."""

from typing import Any

from pydantic import Field
from pymongo.errors import DuplicateKeyError

from contracts.events import JobCompletedEvent, ProducedAsset
from contracts.http.assets import (
    AssetFacts,
    AssetFilters,
    AssetLinks,
    AssetPublic,
    StoredAsset,
    UploadCreate,
)
from contracts.http.pages import DEFAULT_PAGE_SIZE
from shared.database import Database, Index, from_ms, insert_new, now_ms, to_ms
from shared.errors import PermanentError
from shared.pages import fetch_page

COLLECTION = "assets"
INDEXES = {
    COLLECTION: [
        Index([("tenant_id", 1), ("created_at_ms", -1)]),
        Index([("tenant_id", 1), ("job_id", 1)]),
        Index(
            [("tenant_id", 1), ("batch_id", 1), ("created_at_ms", -1)],
            partial={"batch_id": {"$type": "string"}},
        ),
        Index([("tenant_id", 1), ("preset", 1), ("created_at_ms", -1)]),
        Index([("tenant_id", 1), ("source_asset_id", 1), ("created_at_ms", -1)]),
        Index(
            [("tenant_id", 1), ("root_id", 1), ("created_at_ms", 1)],
            partial={"root_id": {"$type": "string"}},
        ),
    ]
}


class AssetRecord(AssetFacts):
    id: str = Field(alias="_id")
    tenant_id: str
    object_key: str
    created_at_ms: int

    def stored(self) -> StoredAsset:
        return StoredAsset(
            **self.model_dump(include=set(StoredAsset.model_fields) - {"id"}), id=self.id
        )

    def public(self) -> AssetPublic:
        links = AssetLinks(self=f"/v1/assets/{self.id}", content=f"/v1/assets/{self.id}/content")
        fields = self.model_dump(exclude={"tenant_id", "object_key", "created_at_ms"})
        return AssetPublic(**fields, created_at=from_ms(self.created_at_ms), links=links)


def _record_of(event: JobCompletedEvent, asset: ProducedAsset) -> AssetRecord:
    return AssetRecord(
        **asset.model_dump(exclude={"id"}),
        _id=asset.id,
        tenant_id=event.tenant_id,
        job_id=event.job_id,
        batch_id=event.batch_id,
        kind=event.data.kind,
        source="generated",
        prompt=event.data.prompt,
        negative_prompt=event.data.negative_prompt,
        provider=event.data.provider,
        model=event.data.model or None,
        created_at_ms=to_ms(event.time),
    )


class Assets:
    """The asset collection, every query scoped by tenant."""

    def __init__(self, db: Database) -> None:
        self._assets = db[COLLECTION]

    async def record_completed(self, events: list[JobCompletedEvent]) -> int:
        """Record completed jobs' outputs in one round trip; already-recorded ones are skipped.
        Returns how many were new."""
        records = [_record_of(event, asset) for event in events for asset in event.data.assets]
        docs = [record.model_dump(by_alias=True) for record in records]
        return len(docs) - len(await insert_new(self._assets, docs))

    async def record_upload(self, tenant_id: str, upload: UploadCreate) -> AssetRecord:
        record = AssetRecord(
            **upload.model_dump(exclude={"id"}),
            _id=upload.id,
            tenant_id=tenant_id,
            job_id=None,
            kind="upload",
            source="upload",
            created_at_ms=now_ms(),
        )
        await self._insert(record)
        return record

    async def _insert(self, record: AssetRecord) -> bool:
        try:
            await self._assets.insert_one(record.model_dump(by_alias=True))
        except DuplicateKeyError:
            return False
        return True

    async def get(self, tenant_id: str, asset_id: str) -> AssetRecord:
        doc = await self._assets.find_one({"_id": asset_id, "tenant_id": tenant_id})
        if doc is None:
            raise PermanentError("not_found", f"no asset {asset_id}")
        return AssetRecord.model_validate(doc)

    async def versions(self, tenant_id: str, asset_id: str) -> tuple[str, list[AssetRecord]]:
        """The chain `asset_id` belongs to: its root, then every version, oldest first."""
        asset = await self.get(tenant_id, asset_id)
        root_id = asset.root_id or asset.id
        root = asset if root_id == asset.id else await self.get(tenant_id, root_id)
        cursor = self._assets.find({"tenant_id": tenant_id, "root_id": root_id}).sort(
            [("created_at_ms", 1), ("_id", 1)]
        )
        versions = [AssetRecord.model_validate(doc) async for doc in cursor]
        return root_id, [root, *versions]

    async def page(
        self,
        tenant_id: str,
        *,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        filters: AssetFilters | None = None,
    ) -> tuple[list[AssetRecord], str | None]:
        """A page of assets, newest first, and the cursor of the next page."""
        query: dict[str, Any] = {"tenant_id": tenant_id}
        if filters is not None:
            query |= filters.model_dump(exclude_none=True)
        docs, next_cursor = await fetch_page(self._assets, query, cursor, limit)
        return [AssetRecord.model_validate(doc) for doc in docs], next_cursor
