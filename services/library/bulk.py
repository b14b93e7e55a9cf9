"""Bulk actions: one action on every asset a filter (or a list of ids) selects in the catalog.
What would change is counted from the columns, so a dry run counts exactly what the action
then changes; the writes go through `Assets.update`, one `update_many` per 1,000 assets."""

from typing import Any

import numpy as np

from contracts.http.assets import MAX_TAGS
from contracts.http.bulk import FILING, TAGGING, AssetBulk, BulkResult
from contracts.http.errors import FieldError
from services.library.assets.records import Assets
from services.library.catalog.catalog import Catalog
from services.library.catalog.columns import Columns
from services.library.catalog.query import matching
from services.library.collections.records import Collections
from services.library.trash.bin import TrashBin, update_in_chunks
from shared.errors import PermanentError


class BulkActions:
    def __init__(
        self, assets: Assets, catalog: Catalog, collections: Collections, trash: TrashBin
    ) -> None:
        self._assets = assets
        self._catalog = catalog
        self._collections = collections
        self._trash = trash

    async def apply(self, tenant_id: str, body: AssetBulk) -> BulkResult:
        _check(body)
        if body.collection_id is not None:
            await self._collection_exists(tenant_id, body.collection_id)
        columns = await self._catalog.columns(tenant_id)
        rows = _selected(columns, body)
        changing = [int(row) for row in rows if _changes(columns, int(row), body)]
        if body.action == "tag":
            _fit_tags(columns, changing, body.tags)
        if not body.dry_run and changing:
            await self._act(tenant_id, columns, changing, body)
        return BulkResult(
            action=body.action, matched=len(rows), changed=len(changing), dry_run=body.dry_run
        )

    async def _collection_exists(self, tenant_id: str, collection_id: str) -> None:
        try:
            await self._collections.get(tenant_id, collection_id)
        except PermanentError as exc:
            raise _invalid("collection_id", f"no collection {collection_id}") from exc

    async def _act(
        self, tenant_id: str, columns: Columns, rows: list[int], body: AssetBulk
    ) -> None:
        ids = [columns.ids[row] for row in rows]
        if body.action == "trash":
            await self._trash.trash(tenant_id, ids)
        elif body.action == "restore":
            await self._trash.restore(tenant_id, ids)
        elif body.action == "tag":
            await self._update(tenant_id, ids, {"$addToSet": {"tags": {"$each": body.tags}}})
        elif body.action == "untag":
            await self._update(tenant_id, ids, {"$pull": {"tags": {"$in": body.tags}}})
        else:
            assert body.collection_id is not None
            await self._file(tenant_id, columns, rows, body.action, body.collection_id)

    async def _file(
        self, tenant_id: str, columns: Columns, rows: list[int], action: str, collection_id: str
    ) -> None:
        """Collection actions: the assets added go to the collection's end together (in id
        order among themselves); a move first takes them out of every other collection."""
        field = f"collections.{collection_id}"
        if action == "remove_from_collection":
            ids = [columns.ids[row] for row in rows]
            await self._update(tenant_id, ids, {"$unset": {field: ""}})
            return
        if action == "move_to_collection":
            for other, ids in _other_memberships(columns, rows, collection_id).items():
                await self._update(tenant_id, ids, {"$unset": {f"collections.{other}": ""}})
        joining = [
            columns.ids[row] for row in rows if collection_id not in columns.collections[row]
        ]
        update: dict[str, Any] = {"$set": {field: _end_of(columns, collection_id)}}
        await self._update(tenant_id, joining, update)

    async def _update(self, tenant_id: str, ids: list[str], update: dict[str, Any]) -> None:
        await update_in_chunks(self._assets, tenant_id, ids, update)


def _check(body: AssetBulk) -> None:
    if (body.filter is None) == (body.asset_ids is None):
        raise _invalid("filter", "give either filter or asset_ids")
    if body.action in TAGGING and not body.tags:
        raise _invalid("tags", f"{body.action} needs tags")
    if body.action in FILING and body.collection_id is None:
        raise _invalid("collection_id", f"{body.action} needs collection_id")
    if body.action == "trash" and body.filter is not None and body.filter.trashed:
        raise _invalid("filter.trashed", "trash selects among assets not in the trash")


def _selected(columns: Columns, body: AssetBulk) -> list[int]:
    if body.filter is not None:
        where = body.filter
        if body.action == "restore":
            where = where.model_copy(update={"trashed": True})
        return [int(row) for row in np.flatnonzero(matching(columns, where))]
    assert body.asset_ids is not None
    alive = columns.view("alive")
    rows = {asset_id: columns.row_of.get(asset_id) for asset_id in dict.fromkeys(body.asset_ids)}
    unknown = [asset_id for asset_id, row in rows.items() if row is None or not alive[row]]
    if unknown:
        raise _invalid("asset_ids", f"no such assets: {', '.join(unknown[:10])}")
    return [row for row in rows.values() if row is not None]


def _changes(columns: Columns, row: int, body: AssetBulk) -> bool:
    """Whether the action changes this asset."""
    trashed = bool(columns.numbers["trashed"][row])
    if body.action in ("trash", "restore"):
        return trashed == (body.action == "restore")
    if body.action in TAGGING:
        manual = _manual_tags(columns, row)
        return (
            not manual.issuperset(body.tags)
            if body.action == "tag"
            else bool(manual & set(body.tags))
        )
    memberships = columns.collections[row]
    if body.action == "add_to_collection":
        return body.collection_id not in memberships
    if body.action == "remove_from_collection":
        return body.collection_id in memberships
    return set(memberships) != {body.collection_id}


def _manual_tags(columns: Columns, row: int) -> set[str]:
    return {tag for tag, sources in columns.tags[row].items() if "manual" in sources}


def _fit_tags(columns: Columns, rows: list[int], tags: list[str]) -> None:
    over = sum(1 for row in rows if len(_manual_tags(columns, row) | set(tags)) > MAX_TAGS)
    if over:
        raise _invalid("tags", f"{over} of the assets would have more than {MAX_TAGS} tags")


def _other_memberships(
    columns: Columns, rows: list[int], collection_id: str
) -> dict[str, list[str]]:
    others: dict[str, list[str]] = {}
    for row in rows:
        for other in columns.collections[row]:
            if other != collection_id:
                others.setdefault(other, []).append(columns.ids[row])
    return others


def _end_of(columns: Columns, collection_id: str) -> float:
    rows = columns.collection_rows.get(collection_id, set())
    return max((columns.collections[row][collection_id] for row in rows), default=0.0) + 1.0


def _invalid(field: str, message: str) -> PermanentError:
    return PermanentError(
        "invalid_request", message, [FieldError(loc=field, message=message, type="invalid")]
    )
