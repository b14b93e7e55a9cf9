"""Asset records: written from `completed` events and uploads, read by tenant.

Every write goes through `Assets`, which stamps `updated_at_ms` (the ETag) and notes the change
in the change log so every replica's catalog reads the asset again."""

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
from services.library.catalog.changes import ChangeLog
from shared.database import Database, Document, Index, from_ms, insert_new, now_ms, to_ms
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
        Index([("purge_at_ms", 1)], partial={"purge_at_ms": {"$type": "number"}}),
    ]
}
# What the catalog never needs to read (a tenant's full reload stays light).
NOT_CATALOGUED = {"params": 0, "object_key": 0}
# What an answer never shows (the catalog has them): read records without.
VECTORS_LEFT_OUT = {"embedding": 0, "color_vector": 0}


class AssetRecord(AssetFacts):
    """An asset as stored: its public facts, and what only the library uses."""

    id: str = Field(alias="_id")
    tenant_id: str
    object_key: str
    created_at_ms: int
    updated_at_ms: int = 0
    analyzed: bool = Field(default=False, description="Ingest analysis done (enrichment).")
    embedding: bytes | None = Field(default=None, description="Text embedding, float16.")
    color_vector: bytes | None = Field(default=None, description="Colour histogram, float16.")
    collections: dict[str, float] = Field(
        default_factory=dict, description="Collection id → position in it."
    )
    trashed_at_ms: int | None = None
    purge_at_ms: int | None = None
    last_used_at_ms: int | None = None

    @property
    def etag(self) -> str:
        return f'"{self.updated_at_ms}"'

    def stored(self) -> StoredAsset:
        return StoredAsset(
            **self.model_dump(include=set(StoredAsset.model_fields) - {"id"}), id=self.id
        )

    def public(self) -> AssetPublic:
        links = AssetLinks(self=f"/v1/assets/{self.id}", content=f"/v1/assets/{self.id}/content")
        fields = self.model_dump(include=set(AssetFacts.model_fields))
        return AssetPublic(
            **fields,
            created_at=from_ms(self.created_at_ms),
            updated_at=from_ms(self.updated_at_ms or self.created_at_ms),
            collection_ids=sorted(self.collections, key=self.collections.__getitem__),
            last_used_at=_moment(self.last_used_at_ms),
            trashed_at=_moment(self.trashed_at_ms),
            purge_at=_moment(self.purge_at_ms),
            links=links,
        )


def _moment(ms: int | None) -> Any:
    return None if ms is None else from_ms(ms)


def _record_of(event: JobCompletedEvent, asset: ProducedAsset) -> AssetRecord:
    data = event.data
    share = data.cost.credits // max(1, len(data.assets))
    created = to_ms(event.time)
    return AssetRecord(
        **asset.model_dump(exclude={"id"}),
        _id=asset.id,
        tenant_id=event.tenant_id,
        job_id=event.job_id,
        batch_id=event.batch_id,
        kind=data.kind,
        source="generated",
        prompt=data.prompt,
        negative_prompt=data.negative_prompt,
        provider=data.provider,
        model=data.model or None,
        quality=_text(data.params.get("quality")),
        params=data.params,
        cost_credits=share,
        created_at_ms=created,
        updated_at_ms=created,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


class Assets:
    """The asset collection, every query scoped by tenant."""

    def __init__(self, db: Database, changes: ChangeLog) -> None:
        self._assets = db[COLLECTION]
        self.changes = changes

    async def record_completed(self, events: list[JobCompletedEvent]) -> list[AssetRecord]:
        """Record completed jobs' outputs in one round trip; already-recorded ones are skipped.
        Returns the new ones."""
        records = [_record_of(event, asset) for event in events for asset in event.data.assets]
        skipped = await insert_new(self._assets, [r.model_dump(by_alias=True) for r in records])
        new = [record for index, record in enumerate(records) if index not in skipped]
        for tenant_id in {record.tenant_id for record in new}:
            await self.changes.note(tenant_id, [r.id for r in new if r.tenant_id == tenant_id])
        return new

    async def record_upload(self, tenant_id: str, upload: UploadCreate) -> AssetRecord:
        at = now_ms()
        record = AssetRecord(
            **upload.model_dump(exclude={"id"}),
            _id=upload.id,
            tenant_id=tenant_id,
            job_id=None,
            kind="upload",
            source="upload",
            created_at_ms=at,
            updated_at_ms=at,
        )
        try:
            await self._assets.insert_one(record.model_dump(by_alias=True))
        except DuplicateKeyError:
            return await self.get(tenant_id, upload.id, trashed=True)
        await self.changes.note(tenant_id, [record.id])
        return record

    async def insert(self, record: AssetRecord) -> None:
        """Record a new asset the library made itself (a revert's version)."""
        await self._assets.insert_one(record.model_dump(by_alias=True))
        await self.changes.note(record.tenant_id, [record.id])

    async def get(self, tenant_id: str, asset_id: str, *, trashed: bool = False) -> AssetRecord:
        """The tenant's asset (404 when it has none; one in the trash only when `trashed`)."""
        doc = await self._assets.find_one({"_id": asset_id, "tenant_id": tenant_id})
        if doc is None or (doc.get("trashed_at_ms") is not None and not trashed):
            raise PermanentError("not_found", f"no asset {asset_id}")
        return AssetRecord.model_validate(doc)

    async def many(self, tenant_id: str, asset_ids: list[str]) -> dict[str, AssetRecord]:
        """These of the tenant's assets (trashed ones too), by id; unknown ids are left out."""
        found: dict[str, AssetRecord] = {}
        for start in range(0, len(asset_ids), 1000):
            query = {"_id": {"$in": asset_ids[start : start + 1000]}, "tenant_id": tenant_id}
            async for doc in self._assets.find(query, VECTORS_LEFT_OUT):
                found[doc["_id"]] = AssetRecord.model_validate(doc)
        return found

    async def known(self, tenant_id: str, asset_ids: list[str]) -> set[str]:
        """Which of these ids are the tenant's assets (trashed ones too)."""
        query = {"_id": {"$in": asset_ids}, "tenant_id": tenant_id}
        return {doc["_id"] async for doc in self._assets.find(query, {"_id": 1})}

    async def everything(self, tenant_id: str) -> list[Document]:
        """Every asset of the tenant, as the catalog reads them."""
        query = {"tenant_id": tenant_id}
        return await self._assets.find(query, NOT_CATALOGUED).to_list()

    async def documents(self, tenant_id: str, asset_ids: list[str]) -> dict[str, Document]:
        """These assets as the catalog reads them, by id (unknown ids left out)."""
        found: dict[str, Document] = {}
        for start in range(0, len(asset_ids), 1000):
            query = {"_id": {"$in": asset_ids[start : start + 1000]}, "tenant_id": tenant_id}
            async for doc in self._assets.find(query, NOT_CATALOGUED):
                found[doc["_id"]] = doc
        return found

    async def update(
        self,
        tenant_id: str,
        asset_ids: list[str],
        update: dict[str, Any],
        *,
        expected_ms: int | None = None,
        stamp: bool = True,
    ) -> int:
        """Apply a MongoDB update to these assets, noted in the change log; with `expected_ms`,
        to the one asset only if it is still that version. `stamp` makes it a new version (its
        ETag): what tenants change is; what the platform records (ingest analysis, usage
        counts) is not, so it never makes a tenant's `If-Match` fail. Returns how many
        matched."""
        if not asset_ids:
            return 0
        stamped = update
        if stamp:
            stamped = {**update, "$set": {**update.get("$set", {}), "updated_at_ms": now_ms()}}
        matched = 0
        for start in range(0, len(asset_ids), 1000):
            chunk = asset_ids[start : start + 1000]
            query: dict[str, Any] = {"_id": {"$in": chunk}, "tenant_id": tenant_id}
            if expected_ms is not None:  # (0: a document from before versions were kept)
                query["updated_at_ms"] = expected_ms or {"$in": [0, None]}
            matched += (await self._assets.update_many(query, stamped)).matched_count
        if matched:
            await self.changes.note(tenant_id, asset_ids)
        return matched

    async def remove(self, tenant_id: str, asset_ids: list[str]) -> int:
        """Delete these documents for good (their objects must be gone first)."""
        query = {"_id": {"$in": asset_ids}, "tenant_id": tenant_id}
        deleted = (await self._assets.delete_many(query)).deleted_count
        if deleted:
            await self.changes.note(tenant_id, asset_ids)
        return deleted

    async def versions(self, tenant_id: str, asset_id: str) -> tuple[str, list[AssetRecord]]:
        """The chain `asset_id` belongs to: its root, then every version, oldest first."""
        asset = await self.get(tenant_id, asset_id)
        root_id = asset.root_id or asset.id
        root = asset if root_id == asset.id else await self.get(tenant_id, root_id, trashed=True)
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
        """A page of assets not in the trash, newest first, and the cursor of the next page.
        (Trashed ones are left out here, not in the query: NX-27017 answers a cursor's next
        page empty when the query also asks for a missing field.)"""
        query: dict[str, Any] = {"tenant_id": tenant_id}
        if filters is not None:
            query |= filters.model_dump(exclude_none=True)
        docs, next_cursor = await fetch_page(self._assets, query, cursor, limit)
        kept = [doc for doc in docs if doc.get("trashed_at_ms") is None]
        return [AssetRecord.model_validate(doc) for doc in kept], next_cursor
