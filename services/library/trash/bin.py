"""The trash: a deleted asset is stamped `trashed_at_ms` and `purge_at_ms` (hidden from lists and
search, restorable until then); purging removes its object from the store, then its record."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from services.library.assets.records import COLLECTION, AssetRecord, Assets
from services.library.catalog.catalog import Catalog
from services.library.catalog.changes import MAX_IDS_PER_ENTRY
from services.library.trash.policies import Policies
from shared.database import Database, now_ms
from shared.objects import ObjectStore

DAY_MS = 86_400_000
PURGE_CHUNK = 500
UPDATE_CHUNK = MAX_IDS_PER_ENTRY


async def update_in_chunks(
    assets: Assets, tenant_id: str, asset_ids: list[str], update: dict[str, Any]
) -> int:
    """`Assets.update` a change-log entry's worth of ids at a time: each entry then names its
    assets, so the catalogs read just those again (a longer list reloads the whole tenant)."""
    changed = 0
    for start in range(0, len(asset_ids), UPDATE_CHUNK):
        changed += await assets.update(tenant_id, asset_ids[start : start + UPDATE_CHUNK], update)
    return changed


@dataclass(frozen=True)
class Due:
    """Assets whose time in the trash is up, by tenant."""

    by_tenant: dict[str, list[str]]

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.by_tenant.values())


class TrashBin:
    def __init__(
        self, db: Database, assets: Assets, catalog: Catalog, store: ObjectStore, policies: Policies
    ) -> None:
        self._assets_read = db[COLLECTION]  # reads across tenants only; writes go through Assets
        self.assets = assets
        self.catalog = catalog
        self.store = store
        self.policies = policies

    async def trash(self, tenant_id: str, asset_ids: list[str]) -> int:
        """Move these assets to the trash for the tenant's number of days."""
        if not asset_ids:
            return 0
        days = await self.policies.trash_days(tenant_id)
        at = now_ms()
        update = {"$set": {"trashed_at_ms": at, "purge_at_ms": at + days * DAY_MS}}
        return await update_in_chunks(self.assets, tenant_id, asset_ids, update)

    async def restore(self, tenant_id: str, asset_ids: list[str]) -> int:
        update: dict[str, Any] = {"$unset": {"trashed_at_ms": "", "purge_at_ms": ""}}
        return await update_in_chunks(self.assets, tenant_id, asset_ids, update)

    async def trash_one(self, tenant_id: str, asset_id: str) -> AssetRecord:
        """The asset, in the trash (where it may be already)."""
        record = await self.assets.get(tenant_id, asset_id, trashed=True)
        if record.trashed_at_ms is None:
            await self.trash(tenant_id, [asset_id])
            record = await self.assets.get(tenant_id, asset_id, trashed=True)
        return record

    async def restore_one(self, tenant_id: str, asset_id: str) -> AssetRecord:
        """The asset, out of the trash (where it may not have been)."""
        record = await self.assets.get(tenant_id, asset_id, trashed=True)
        if record.trashed_at_ms is not None:
            await self.restore(tenant_id, [asset_id])
            record = await self.assets.get(tenant_id, asset_id)
        return record

    async def purge(self, tenant_id: str, asset_ids: list[str]) -> int:
        """Delete these assets for good if they are still in the trash: objects first, then the
        records (a pass cut short is finished by the next one; a missing object is fine)."""
        purged = 0
        for start in range(0, len(asset_ids), PURGE_CHUNK):
            found = await self.assets.many(tenant_id, asset_ids[start : start + PURGE_CHUNK])
            doomed = [record for record in found.values() if record.trashed_at_ms is not None]
            await self.store.remove([record.object_key for record in doomed])
            purged += await self.assets.remove(tenant_id, [record.id for record in doomed])
        return purged

    async def empty(self, tenant_id: str) -> int:
        """Purge every asset in the tenant's trash now."""
        columns = await self.catalog.columns(tenant_id)
        rows = np.flatnonzero(columns.view("alive") & columns.view("trashed"))
        return await self.purge(tenant_id, [columns.ids[row] for row in rows])

    async def due(self, limit: int) -> Due:
        """Up to `limit` assets of any tenant whose `purge_at_ms` has passed."""
        query = {"purge_at_ms": {"$lt": now_ms()}}
        found = self._assets_read.find(query, {"_id": 1, "tenant_id": 1}).limit(limit)
        by_tenant: dict[str, list[str]] = {}
        async for doc in found:
            by_tenant.setdefault(doc["tenant_id"], []).append(doc["_id"])
        return Due(by_tenant)
