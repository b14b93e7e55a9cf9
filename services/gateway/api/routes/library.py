"""Deleting and restoring assets, the trash, bulk actions, library settings (trash days,
retention rules) and stats: served by the library through the gateway."""

from urllib.parse import quote

from fastapi import APIRouter, Request, Response

from contracts.http.assets import AssetPublic
from contracts.http.bulk import AssetBulk, BulkResult
from contracts.http.library_stats import LibraryStats
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.search import AssetSearchPage
from contracts.http.trash import LibrarySettingsPublic, LibrarySettingsUpdate, TrashEmptied
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(route_class=Strict)
ERRORS = error_responses(401, 404, 422)


@router.delete(
    "/v1/assets/{asset_id}",
    response_model=AssetPublic,
    responses=ERRORS,
    operation_id="assets.delete",
    tags=["assets"],
)
async def delete_asset(asset_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Move the asset to the trash: it leaves lists and search, stays restorable until its
    `purge_at` (the tenant's `trash_days` later, 30 by default), then its file and record are
    deleted for good. Deleting it again answers it as it is."""
    path = f"/v1/assets/{quote(asset_id, safe='')}"
    return await gateway.library.forward(tenant, path, method="DELETE")


@router.post(
    "/v1/assets/{asset_id}/restore",
    response_model=AssetPublic,
    responses=ERRORS,
    operation_id="assets.restore",
    tags=["assets"],
)
async def restore_asset(asset_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Take the asset out of the trash (one not in it is answered as it is)."""
    path = f"/v1/assets/{quote(asset_id, safe='')}/restore"
    return await gateway.library.forward(tenant, path, method="POST")


@router.post(
    "/v1/assets/bulk",
    response_model=BulkResult,
    responses=ERRORS,
    operation_id="assets.bulk",
    tags=["assets"],
)
async def bulk_action(body: AssetBulk, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Trash, restore, tag, untag, or add to / remove from / move to a collection every asset
    a filter (the search's) or a list of ids selects. `dry_run` counts what would change."""
    json = body.model_dump(mode="json", exclude_unset=True)
    return await gateway.library.forward(tenant, "/v1/assets/bulk", method="POST", json=json)


@router.get(
    "/v1/trash",
    response_model=AssetSearchPage,
    responses=ERRORS,
    operation_id="trash.list",
    tags=["trash"],
)
async def list_trash(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """The assets in the trash, newest first, each with its `trashed_at` and `purge_at`."""
    params = tuple(request.query_params.multi_items())
    return await gateway.library.forward(tenant, "/v1/trash", params)


@router.delete(
    "/v1/trash",
    response_model=TrashEmptied,
    responses=ERRORS,
    operation_id="trash.empty",
    tags=["trash"],
)
async def empty_trash(tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Delete everything in the trash for good, now: files and records."""
    return await gateway.library.forward(tenant, "/v1/trash", method="DELETE")


@router.get(
    "/v1/library/settings",
    response_model=LibrarySettingsPublic,
    responses=ERRORS,
    operation_id="library.get_settings",
    tags=["library"],
)
async def get_settings(tenant: TenantDep, gateway: GatewayDep) -> Response:
    return await gateway.library.forward(tenant, "/v1/library/settings")


@router.put(
    "/v1/library/settings",
    response_model=LibrarySettingsPublic,
    responses=ERRORS,
    operation_id="library.replace_settings",
    tags=["library"],
)
async def put_settings(
    body: LibrarySettingsUpdate, tenant: TenantDep, gateway: GatewayDep
) -> Response:
    """Replace the library settings: days in the trash, and retention rules (each sends the
    assets its filter matches to the trash once they are `older_than_days` old)."""
    json = body.model_dump(mode="json")
    return await gateway.library.forward(tenant, "/v1/library/settings", method="PUT", json=json)


@router.get(
    "/v1/library/stats",
    response_model=LibraryStats,
    responses=ERRORS,
    operation_id="library.stats",
    tags=["library"],
)
async def library_stats(tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Assets and bytes by kind, provider and month; storage used (`totals.stored_bytes`, the
    trash included); credits per collection and tag; the most used assets; and per provider,
    the success rate and latency of the tenant's jobs over the last 90 days."""
    return await gateway.library.forward(tenant, "/v1/library/stats")
