"""The API's library operations: editing, searching and organising assets (tags, collections,
similarity). Each builds its `Call`, bound as methods by both clients like `studio.operations`."""

from collections.abc import Mapping
from typing import Any

from studio import models
from studio.calls import Call, body, content, model, nothing, query
from studio.operations import Body, key

Filters = str | int | bool | list[str] | None


def etag(asset: models.AssetPublic) -> str:
    """The asset's version as `If-Match` takes it (the `ETag` its `GET` answers)."""
    return f'"{round(asset.updated_at.timestamp() * 1000)}"'


def update_asset(
    asset_id: str, edit: Body, *, if_match: str | None = None
) -> Call[models.AssetPublic]:
    """Merge `edit` (title, description, tags, rating, favorite, custom) into the asset: members
    set to None are cleared. With `if_match` (`etag(asset)` of the asset as read) the edit is
    refused with 412 `precondition_failed` if someone changed the asset since."""
    headers = {"If-Match": if_match} if if_match is not None else {}
    return Call(
        "PATCH",
        f"/v1/assets/{asset_id}",
        model(models.AssetPublic),
        json=body(edit),
        headers={**headers, "Content-Type": "application/merge-patch+json"},
    )


def search_assets(**criteria: Filters) -> Call[models.AssetSearchPage]:
    """Search by words (`q`), meaning (`q=..., mode="semantic"`) and filters (`kind=[...]`,
    `tags=[...]`, `favorite=True`, `min_rating=4`, `collection_id=...`), `sort=`, `limit=`,
    `cursor=`; the page says `total`."""
    values = {name: _text(value) for name, value in criteria.items()}
    return Call("GET", "/v1/assets/search", model(models.AssetSearchPage), params=query(**values))


def similar_assets(
    asset_id: str, *, by: str = "phash", limit: int | None = None
) -> Call[models.SimilarPublic]:
    """More like this: near-duplicates (`by="phash"`) or look-alikes by colour (`by="color"`)."""
    params = query(by=by, limit=limit)
    return Call("GET", f"/v1/assets/{asset_id}/similar", model(models.SimilarPublic), params=params)


def duplicate_assets(*, max_distance: int | None = None) -> Call[models.DuplicatesPublic]:
    """Groups of near-identical images, for clean-up."""
    params = query(max_distance=max_distance)
    return Call("GET", "/v1/assets/duplicates", model(models.DuplicatesPublic), params=params)


def list_tags(*, prefix: str | None = None) -> Call[models.TagsPublic]:
    return Call("GET", "/v1/tags", model(models.TagsPublic), params=query(prefix=prefix))


def create_collection(
    spec: Body, *, idempotency_key: str | None = None
) -> Call[models.CollectionPublic]:
    """A collection (`{"name": ..., "description": ..., "cover_asset_id": ...}`)."""
    return Call(
        "POST",
        "/v1/collections",
        model(models.CollectionPublic),
        json=body(spec),
        idempotency_key=key(idempotency_key),
    )


def list_collections(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.CollectionsPublic]:
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/collections", model(models.CollectionsPublic), params=params)


def get_collection(collection_id: str) -> Call[models.CollectionPublic]:
    return Call("GET", f"/v1/collections/{collection_id}", model(models.CollectionPublic))


def update_collection(collection_id: str, edit: Body) -> Call[models.CollectionPublic]:
    path = f"/v1/collections/{collection_id}"
    return Call("PATCH", path, model(models.CollectionPublic), json=body(edit))


def delete_collection(collection_id: str) -> Call[None]:
    return Call("DELETE", f"/v1/collections/{collection_id}", nothing)


def collection_assets(
    collection_id: str, *, limit: int | None = None, cursor: str | None = None
) -> Call[models.AssetSearchPage]:
    """The collection's assets in its order."""
    path = f"/v1/collections/{collection_id}/assets"
    params = query(limit=limit, cursor=cursor)
    return Call("GET", path, model(models.AssetSearchPage), params=params)


def add_to_collection(
    collection_id: str, asset_ids: list[str], *, before: str | None = None
) -> Call[models.CollectionItemsChanged]:
    """Put the assets in the collection in this order, at its end or `before` one of its own."""
    added: Mapping[str, Any] = {"asset_ids": asset_ids, "before": before}
    path = f"/v1/collections/{collection_id}/assets"
    return Call("POST", path, model(models.CollectionItemsChanged), json=dict(added))


def remove_from_collection(
    collection_id: str, asset_id: str
) -> Call[models.CollectionItemsChanged]:
    path = f"/v1/collections/{collection_id}/assets/{asset_id}"
    return Call("DELETE", path, model(models.CollectionItemsChanged))


def _text(value: Filters) -> str | int | list[str] | None:
    return str(value).lower() if isinstance(value, bool) else value


def delete_asset(asset_id: str) -> Call[models.AssetPublic]:
    """Move the asset to the trash (restorable until its `purge_at`)."""
    return Call("DELETE", f"/v1/assets/{asset_id}", model(models.AssetPublic))


def restore_asset(asset_id: str) -> Call[models.AssetPublic]:
    return Call("POST", f"/v1/assets/{asset_id}/restore", model(models.AssetPublic))


def bulk_assets(spec: Body) -> Call[models.BulkResult]:
    """One action on every asset a filter (or a list of ids) selects: `{"filter": {...},
    "action": "tag", "tags": [...], "dry_run": true}` counts them first."""
    return Call("POST", "/v1/assets/bulk", model(models.BulkResult), json=body(spec))


def asset_usage(
    asset_id: str, *, limit: int | None = None, cursor: str | None = None
) -> Call[models.AssetUsesPublic]:
    """Every download, share view and archive entry of the asset, newest first."""
    path = f"/v1/assets/{asset_id}/usage"
    return Call(
        "GET", path, model(models.AssetUsesPublic), params=query(limit=limit, cursor=cursor)
    )


def list_trash(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.AssetSearchPage]:
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/trash", model(models.AssetSearchPage), params=params)


def empty_trash() -> Call[models.TrashEmptied]:
    """Delete everything in the trash now, objects and records."""
    return Call("DELETE", "/v1/trash", model(models.TrashEmptied))


def library_settings() -> Call[models.LibrarySettingsPublic]:
    return Call("GET", "/v1/library/settings", model(models.LibrarySettingsPublic))


def replace_library_settings(spec: Body) -> Call[models.LibrarySettingsPublic]:
    """Trash days and retention rules (`{"trash_days": 30, "retention_rules": [...]}`)."""
    path = "/v1/library/settings"
    return Call("PUT", path, model(models.LibrarySettingsPublic), json=body(spec))


def library_stats() -> Call[models.LibraryStats]:
    """Assets and bytes by kind, provider and month, credits per collection and tag, providers'
    success and latency, most used assets, storage used."""
    return Call("GET", "/v1/library/stats", model(models.LibraryStats))


def create_share(spec: Body, *, idempotency_key: str | None = None) -> Call[models.ShareCreated]:
    """A share link of an asset or a collection (the answer holds its token, once)."""
    return Call(
        "POST",
        "/v1/shares",
        model(models.ShareCreated),
        json=body(spec),
        idempotency_key=key(idempotency_key),
    )


def list_shares(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.SharesPublic]:
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/shares", model(models.SharesPublic), params=params)


def get_share(share_id: str) -> Call[models.SharePublic]:
    return Call("GET", f"/v1/shares/{share_id}", model(models.SharePublic))


def revoke_share(share_id: str) -> Call[None]:
    """The link stops working at once."""
    return Call("DELETE", f"/v1/shares/{share_id}", nothing)


def list_exports(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.ExportsPublic]:
    """Every archive made (job, batch, collection), newest first, with what it held."""
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/exports", model(models.ExportsPublic), params=params)


def collection_archive(collection_id: str) -> Call[bytes]:
    """The collection's assets in its order and a manifest, as one ZIP."""
    return Call("GET", f"/v1/collections/{collection_id}/archive", content)
