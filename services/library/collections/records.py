"""Collection documents and memberships: a collection is a named document; its members are the
assets whose `collections` map names it, with their position in it (so an asset in several
collections has a place in each, and the catalog orders a collection without a join)."""

from typing import Any

from pydantic import BaseModel, Field
from pymongo import ReturnDocument

from contracts.http.collections import (
    BatchCollection,
    CollectionCreate,
    CollectionEdit,
    CollectionLinks,
    CollectionPublic,
)
from contracts.http.errors import FieldError
from services.library.assets.records import Assets
from services.library.catalog.columns import Columns
from shared.database import Database, Index, from_ms, now_ms
from shared.errors import PermanentError
from shared.ids import new_id
from shared.pages import fetch_page

COLLECTION = "collections"
BATCH_COLLECTIONS = "batch_collections"
INDEXES = {
    COLLECTION: [Index([("tenant_id", 1), ("created_at_ms", -1)])],
    BATCH_COLLECTIONS: [Index([("tenant_id", 1)])],
}


class CollectionRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    name: str
    description: str | None = None
    cover_asset_id: str | None = None
    created_at_ms: int
    updated_at_ms: int

    def public(self, columns: Columns) -> CollectionPublic:
        rows = sorted(
            columns.collection_rows.get(self.id, set()),
            key=lambda row: columns.collections[row][self.id],
        )
        live = [row for row in rows if not columns.numbers["trashed"][row]]
        cover = self.cover_asset_id or (columns.ids[live[0]] if live else None)
        return CollectionPublic(
            id=self.id,
            name=self.name,
            description=self.description,
            cover_asset_id=cover,
            asset_count=len(live),
            credits=int(sum(int(columns.numbers["cost"][row]) for row in live)),
            created_at=from_ms(self.created_at_ms),
            updated_at=from_ms(self.updated_at_ms),
            links=CollectionLinks(
                self=f"/v1/collections/{self.id}", assets=f"/v1/collections/{self.id}/assets"
            ),
        )


class Collections:
    def __init__(self, db: Database, assets: Assets) -> None:
        self._collections = db[COLLECTION]
        self._batches = db[BATCH_COLLECTIONS]
        self._assets = assets

    async def create(self, tenant_id: str, body: CollectionCreate) -> CollectionRecord:
        if body.cover_asset_id is not None:
            await self._cover_exists(tenant_id, body.cover_asset_id)
        at = now_ms()
        record = CollectionRecord(
            _id=new_id("col"),
            tenant_id=tenant_id,
            **body.model_dump(),
            created_at_ms=at,
            updated_at_ms=at,
        )
        await self._collections.insert_one(record.model_dump(by_alias=True))
        return record

    async def get(self, tenant_id: str, collection_id: str) -> CollectionRecord:
        doc = await self._collections.find_one({"_id": collection_id, "tenant_id": tenant_id})
        if doc is None:
            raise PermanentError("not_found", f"no collection {collection_id}")
        return CollectionRecord.model_validate(doc)

    async def edit(
        self, tenant_id: str, collection_id: str, edit: CollectionEdit
    ) -> CollectionRecord:
        changes = edit.model_dump(exclude_unset=True)
        if "name" in changes and changes["name"] is None:
            raise _invalid("name", "a collection keeps its name; send a new one")
        if changes.get("cover_asset_id") is not None:
            await self._cover_exists(tenant_id, changes["cover_asset_id"])
        doc = await self._collections.find_one_and_update(
            {"_id": collection_id, "tenant_id": tenant_id},
            {"$set": {**changes, "updated_at_ms": now_ms()}},
            return_document=ReturnDocument.AFTER,
        )
        if doc is None:
            raise PermanentError("not_found", f"no collection {collection_id}")
        return CollectionRecord.model_validate(doc)

    async def delete(self, tenant_id: str, collection_id: str, columns: Columns) -> None:
        """Delete the collection (its assets stay, in no collection of that id)."""
        await self.get(tenant_id, collection_id)
        members = [columns.ids[row] for row in columns.collection_rows.get(collection_id, ())]
        await self._assets.update(
            tenant_id, members, {"$unset": {f"collections.{collection_id}": ""}}
        )
        await self._collections.delete_one({"_id": collection_id, "tenant_id": tenant_id})

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[CollectionRecord], str | None]:
        docs, following = await fetch_page(
            self._collections, {"tenant_id": tenant_id}, cursor, limit
        )
        return [CollectionRecord.model_validate(d) for d in docs], following

    async def add(
        self,
        tenant_id: str,
        collection_id: str,
        asset_ids: list[str],
        before: str | None,
        columns: Columns,
    ) -> None:
        """Put the assets in the collection in this order, at its end or before `before`."""
        await self.get(tenant_id, collection_id)
        known = await self._assets.known(tenant_id, asset_ids)
        unknown = [asset_id for asset_id in asset_ids if asset_id not in known]
        if unknown:
            raise _invalid("asset_ids", f"no such assets: {', '.join(unknown[:10])}")
        positions = _positions(columns, collection_id, len(asset_ids), before)
        for asset_id, position in zip(asset_ids, positions, strict=True):
            update = {"$set": {f"collections.{collection_id}": position}}
            await self._assets.update(tenant_id, [asset_id], update)

    async def remove(self, tenant_id: str, collection_id: str, asset_id: str) -> None:
        await self.get(tenant_id, collection_id)
        update: dict[str, Any] = {"$unset": {f"collections.{collection_id}": ""}}
        await self._assets.update(tenant_id, [asset_id], update)

    async def for_batch(self, tenant_id: str, batch_id: str, filing: BatchCollection) -> None:
        """Outputs of this batch go into the collection as they are recorded."""
        await self.get(tenant_id, filing.collection_id)
        doc = {"_id": batch_id, "tenant_id": tenant_id, **filing.model_dump()}
        await self._batches.replace_one({"_id": batch_id}, doc, upsert=True)

    async def of_batches(self, batch_ids: list[str]) -> dict[str, BatchCollection]:
        """Batch id → where its outputs go (batches without a collection left out)."""
        found = self._batches.find({"_id": {"$in": batch_ids}})
        return {doc["_id"]: BatchCollection.model_validate(doc) async for doc in found}

    async def _cover_exists(self, tenant_id: str, asset_id: str) -> None:
        if not await self._assets.known(tenant_id, [asset_id]):
            raise _invalid("cover_asset_id", f"no asset {asset_id}")


def _positions(columns: Columns, collection_id: str, count: int, before: str | None) -> list[float]:
    rows = columns.collection_rows.get(collection_id, set())
    taken = sorted(columns.collections[row][collection_id] for row in rows)
    if before is None:
        start = (taken[-1] if taken else 0.0) + 1.0
        return [start + i for i in range(count)]
    row = columns.row_of.get(before)
    if row is None or row not in rows:
        raise _invalid("before", f"{before} is not in the collection")
    upper = columns.collections[row][collection_id]
    lower = max((p for p in taken if p < upper), default=upper - 1.0)
    step = (upper - lower) / (count + 1)
    return [lower + step * (i + 1) for i in range(count)]


def _invalid(field: str, message: str) -> PermanentError:
    detail = FieldError(loc=field, message=message, type="invalid")
    return PermanentError("invalid_request", message, [detail])
