"""`GET /v1/library/stats`: counts, bytes and credits from the tenant's catalog columns (in
memory), the most used assets' records, and the provider outcomes of the stats window."""

from datetime import timedelta

import numpy as np

from contracts.http.library_stats import (
    CreditsBucket,
    LibraryStats,
    LibraryTotals,
    StatsBucket,
    UsedAsset,
)
from services.library.assets.records import Assets
from services.library.catalog.catalog import Catalog
from services.library.catalog.columns import Array, Columns
from services.library.collections.records import COLLECTION as COLLECTIONS
from services.library.stats.outcomes import Outcomes, per_provider
from shared.database import Database, from_ms, now_ms, to_ms

TOP_TAGS = 50
TOP_USED = 10
NO_LABEL = "none"


class LibraryStatistics:
    def __init__(
        self, db: Database, assets: Assets, catalog: Catalog, outcomes: Outcomes, window_days: int
    ) -> None:
        self._collections = db[COLLECTIONS]  # names only, read
        self._assets = assets
        self._catalog = catalog
        self._outcomes = outcomes
        self._window = timedelta(days=window_days)

    async def of(self, tenant_id: str) -> LibraryStats:
        columns = await self._catalog.columns(tenant_id)
        live = columns.view("alive") & ~columns.view("trashed")
        since = from_ms(now_ms()) - self._window
        outcomes = await self._outcomes.since(tenant_id, to_ms(since))
        return LibraryStats(
            totals=_totals(columns),
            by_kind=_by_label(columns, "kind", live),
            by_provider=_by_label(columns, "provider", live),
            by_month=_by_month(columns, live),
            credits_by_collection=await self._by_collection(tenant_id, columns, live),
            credits_by_tag=_by_tag(columns, live),
            most_used=await self._most_used(tenant_id, columns, live),
            providers=per_provider(outcomes),
            outcomes_since=since,
        )

    async def _by_collection(
        self, tenant_id: str, columns: Columns, live: Array
    ) -> list[CreditsBucket]:
        found = {
            collection_id: [row for row in rows if live[row]]
            for collection_id, rows in columns.collection_rows.items()
        }
        query = {"tenant_id": tenant_id, "_id": {"$in": sorted(found)}}
        names = {doc["_id"]: doc["name"] async for doc in self._collections.find(query)}
        buckets = [
            _credits(columns, collection_id, rows, names[collection_id])
            for collection_id, rows in found.items()
            if collection_id in names
        ]
        return sorted(buckets, key=lambda b: (-b.credits, -b.assets, b.key))

    async def _most_used(self, tenant_id: str, columns: Columns, live: Array) -> list[UsedAsset]:
        usage = columns.view("usage")
        rows = np.flatnonzero(live & (usage > 0))
        top = rows[np.lexsort((columns.id_array[rows], -usage[rows]))][:TOP_USED]
        records = await self._assets.many(tenant_id, [columns.ids[row] for row in top])
        return [
            UsedAsset(
                asset_id=record.id,
                usage_count=int(usage[row]),
                title=record.title,
                prompt=record.prompt,
            )
            for row in top
            if (record := records.get(columns.ids[row])) is not None
        ]


def _totals(columns: Columns) -> LibraryTotals:
    alive, trashed, size = columns.view("alive"), columns.view("trashed"), columns.view("bytes")
    live, binned = alive & ~trashed, alive & trashed
    return LibraryTotals(
        assets=int(live.sum()),
        bytes=int(size[live].sum()),
        trashed_assets=int(binned.sum()),
        trashed_bytes=int(size[binned].sum()),
        stored_bytes=int(size[alive].sum()),
    )


def _by_label(columns: Columns, label: str, live: Array) -> list[StatsBucket]:
    names = columns.labels[label].names
    codes = columns.codes(label)[live] + 1  # 0: no label
    counts = np.bincount(codes, minlength=len(names) + 1)
    sizes = np.bincount(codes, weights=columns.view("bytes")[live], minlength=len(names) + 1)
    keys = [NO_LABEL, *names]
    buckets = [
        StatsBucket(key=keys[code], assets=int(counts[code]), bytes=int(sizes[code]))
        for code in np.flatnonzero(counts)
    ]
    return sorted(buckets, key=lambda b: (-b.assets, b.key))


def _by_month(columns: Columns, live: Array) -> list[StatsBucket]:
    months = columns.view("created_ms")[live].astype("datetime64[ms]").astype("datetime64[M]")
    found, inverse = np.unique(months, return_inverse=True)
    counts = np.bincount(inverse, minlength=len(found))
    sizes = np.bincount(inverse, weights=columns.view("bytes")[live], minlength=len(found))
    return [
        StatsBucket(key=str(month), assets=int(counts[i]), bytes=int(sizes[i]))
        for i, month in enumerate(found)
    ]


def _by_tag(columns: Columns, live: Array) -> list[CreditsBucket]:
    buckets = [
        _credits(columns, tag, [row for row in rows if live[row]])
        for tag, rows in columns.tag_rows.items()
    ]
    kept = [bucket for bucket in buckets if bucket.assets]
    return sorted(kept, key=lambda b: (-b.credits, -b.assets, b.key))[:TOP_TAGS]


def _credits(columns: Columns, key: str, rows: list[int], name: str | None = None) -> CreditsBucket:
    cost = columns.numbers["cost"]
    credits = int(sum(int(cost[row]) for row in rows))
    return CreditsBucket(key=key, name=name, assets=len(rows), credits=credits)
