"""Reverting: a new version at the head of a chain whose image is an earlier version's.

History stays append-only: nothing is removed or rewritten. The new version gets its own copy of
the object (the chosen version may be trashed and purged later without taking it along)."""

from contracts.http.assets import AssetRevert
from services.library.assets.records import AssetRecord, Assets
from shared.database import from_ms, now_ms
from shared.errors import PermanentError
from shared.ids import new_id
from shared.objects import ObjectStore, object_key

REVERT_KIND = "revert"
"""The `kind` of a version a revert made (its `reused_from` names the version it copies)."""


async def revert(
    assets: Assets, store: ObjectStore, tenant_id: str, asset_id: str, wanted: AssetRevert
) -> AssetRecord:
    """The new head of `asset_id`'s chain, with the image of `wanted.version_id`."""
    _not_trashed(await assets.get(tenant_id, asset_id, trashed=True))
    root_id, chain = await assets.versions(tenant_id, asset_id)
    chosen = next((v for v in chain if v.id == wanted.version_id), None)
    if chosen is None:
        raise PermanentError(
            "version_not_in_chain",
            f"{wanted.version_id} is not a version of {asset_id}: pick one of "
            f"GET /v1/assets/{asset_id}/versions",
        )
    _not_trashed(chosen)
    head = [v for v in chain if v.trashed_at_ms is None][-1]
    record = _version_of(chosen, head, root_id)
    await store.put(record.object_key, await store.get(chosen.object_key), chosen.content_type)
    await assets.insert(record)
    return record


def _not_trashed(record: AssetRecord) -> None:
    if record.trashed_at_ms is not None:
        raise PermanentError(
            "asset_trashed",
            f"{record.id} is in the trash: restore it (POST /v1/assets/{record.id}/restore) first",
        )


def _version_of(chosen: AssetRecord, head: AssetRecord, root_id: str) -> AssetRecord:
    """`chosen`'s image and facts as a new version whose parent is the head."""
    at = now_ms()
    asset_id = new_id("ast")
    today = from_ms(at)
    key = object_key(chosen.tenant_id, today.year, today.month, asset_id, chosen.format)
    return chosen.model_copy(
        update={
            "id": asset_id,
            "object_key": key,
            "kind": REVERT_KIND,
            "job_id": None,
            "batch_id": None,
            "parent_id": head.id,
            "root_id": root_id,
            "reused_from": chosen.id,
            "params": {"version_id": chosen.id},
            "cost_credits": 0,
            "usage_count": 0,
            "last_used_at_ms": None,
            "collections": {},
            "created_at_ms": at,
            "updated_at_ms": at,
        }
    )
