"""Usage records: one per download, share view, share download or archive entry of an asset.
Recording one is one insert and one update of the asset (its `usage_count` and
`last_used_at_ms`, which the catalog sorts and filters by)."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from contracts.http.usage import AssetUsePublic, UsageAction, UsageRendition
from services.library.assets.records import Assets
from shared.database import Database, Index, from_ms, now_ms
from shared.ids import new_id
from shared.pages import fetch_page

COLLECTION = "asset_usage"
INDEXES = {COLLECTION: [Index([("tenant_id", 1), ("asset_id", 1), ("created_at_ms", -1)])]}


@dataclass(frozen=True)
class Use:
    """What happened to an asset, and who did it."""

    asset_id: str
    action: UsageAction
    actor: str
    rendition: UsageRendition | None = None


class UsageRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    asset_id: str
    action: UsageAction
    actor: str
    rendition: UsageRendition | None = None
    created_at_ms: int

    def public(self) -> AssetUsePublic:
        return AssetUsePublic(
            id=self.id,
            asset_id=self.asset_id,
            action=self.action,
            actor=self.actor,
            rendition=self.rendition,
            at=from_ms(self.created_at_ms),
        )


class Usage:
    def __init__(self, db: Database, assets: Assets) -> None:
        self._usage = db[COLLECTION]
        self._assets = assets

    async def record(self, tenant_id: str, uses: list[Use]) -> None:
        """Record these uses and count them on their assets."""
        if not uses:
            return
        at = now_ms()
        docs = [_doc(tenant_id, use, at) for use in uses]
        await self._usage.insert_many(docs)
        counts = Counter(use.asset_id for use in uses)
        for times in sorted(set(counts.values())):
            ids = [asset_id for asset_id, n in counts.items() if n == times]
            update = {"$inc": {"usage_count": times}, "$set": {"last_used_at_ms": at}}
            await self._assets.update(tenant_id, ids, update, stamp=False)

    async def page(
        self, tenant_id: str, asset_id: str, cursor: str | None, limit: int
    ) -> tuple[list[UsageRecord], str | None]:
        query = {"tenant_id": tenant_id, "asset_id": asset_id}
        docs, following = await fetch_page(self._usage, query, cursor, limit)
        return [UsageRecord.model_validate(doc) for doc in docs], following

    async def totals(self, tenant_id: str, asset_id: str) -> dict[UsageAction, int]:
        """How often each action happened to the asset."""
        pipeline: list[dict[str, Any]] = [
            {"$match": {"tenant_id": tenant_id, "asset_id": asset_id}},
            {"$group": {"_id": "$action", "count": {"$sum": 1}}},
        ]
        groups = await (await self._usage.aggregate(pipeline)).to_list()
        return {group["_id"]: int(group["count"]) for group in groups}


def _doc(tenant_id: str, use: Use, at: int) -> dict[str, Any]:
    record = UsageRecord(
        _id=new_id("use"),
        tenant_id=tenant_id,
        asset_id=use.asset_id,
        action=use.action,
        actor=use.actor,
        rendition=use.rendition,
        created_at_ms=at,
    )
    return record.model_dump(by_alias=True)
