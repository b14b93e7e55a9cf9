"""Each tenant's columns, kept in step with MongoDB through the change log before every read."""

import asyncio
import gc
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field

from prometheus_client import Counter, Gauge

from services.library.assets.records import Assets
from services.library.catalog.changes import ChangeLog
from services.library.catalog.columns import Columns

log = logging.getLogger(__name__)
GAP_WAIT_S = 5.0
RELOADS = Counter("studio_library_catalog_reloads_total", "Tenants' catalogs read in full.")
ROWS = Gauge("studio_library_catalog_rows", "Asset rows held in this replica's catalogs.")


@dataclass
class _Tenant:
    columns: Columns
    revision: int
    gap_since: float | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Catalog:
    def __init__(self, assets: Assets, changes: ChangeLog) -> None:
        self._assets = assets
        self._changes = changes
        self._tenants: dict[str, _Tenant] = {}
        self._loading: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def columns(self, tenant_id: str) -> Columns:
        """The tenant's columns as of now (every write acknowledged before this call is in)."""
        tenant = self._tenants.get(tenant_id)
        if tenant is None:
            return (await self._load(tenant_id)).columns
        async with tenant.lock:
            await self._catch_up(tenant_id, tenant)
        return self._tenants[tenant_id].columns

    async def _load(self, tenant_id: str) -> _Tenant:
        async with self._loading[tenant_id]:
            if tenant_id in self._tenants:
                return self._tenants[tenant_id]
            revision = await self._changes.revision(tenant_id)
            docs = await self._assets.everything(tenant_id)
            columns = await asyncio.to_thread(Columns.of, docs)  # seconds at 100k: off the loop
            # Millions of long-lived objects (each row's sets and dicts): keep the collector's
            # full passes from walking them, or they pause every request for 100 ms and more.
            gc.freeze()
            tenant = _Tenant(columns, revision)
            self._tenants[tenant_id] = tenant
            RELOADS.inc()
            ROWS.set(sum(t.columns.size for t in self._tenants.values()))
            log.info("catalog of %s read: %d assets", tenant_id, columns.size)
            return tenant

    async def _catch_up(self, tenant_id: str, tenant: _Tenant) -> None:
        changed = await self._changes.since(tenant_id, tenant.revision)
        if changed.everything or self._gap_too_old(tenant, changed.gap):
            del self._tenants[tenant_id]
            await self._load(tenant_id)
            return
        if changed.asset_ids:
            ids = sorted(changed.asset_ids)
            found = await self._assets.documents(tenant_id, ids)
            for asset_id in ids:
                if asset_id in found:
                    tenant.columns.upsert(found[asset_id])
                else:
                    tenant.columns.remove(asset_id)
        tenant.revision = changed.revision

    @staticmethod
    def _gap_too_old(tenant: _Tenant, gap: bool) -> bool:
        if not gap:
            tenant.gap_since = None
            return False
        tenant.gap_since = tenant.gap_since or time.monotonic()
        return time.monotonic() - tenant.gap_since > GAP_WAIT_S
