"""Delete and restore assets, the trash, and the tenant's library settings (trash days and
retention rules)."""

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.http.assets import AssetPublic
from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from contracts.http.search import AssetSearch, AssetSearchPage
from contracts.http.trash import LibrarySettingsPublic, LibrarySettingsUpdate, TrashEmptied
from services.library.api.deps import AssetsDep, CatalogDep, PoliciesDep, TenantDep, TrashDep
from services.library.api.search import found_page

router = APIRouter(tags=["trash"])


@router.delete("/v1/assets/{asset_id}", response_model=AssetPublic)
async def trash_asset(asset_id: str, tenant: TenantDep, trash: TrashDep) -> AssetPublic:
    """To the trash (again: as it is); purged when its `purge_at` comes."""
    return (await trash.trash_one(tenant, asset_id)).public()


@router.post("/v1/assets/{asset_id}/restore", response_model=AssetPublic)
async def restore_asset(asset_id: str, tenant: TenantDep, trash: TrashDep) -> AssetPublic:
    return (await trash.restore_one(tenant, asset_id)).public()


@router.get("/v1/trash", response_model=AssetSearchPage)
async def list_trash(
    tenant: TenantDep,
    catalog: CatalogDep,
    assets: AssetsDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> AssetSearchPage:
    """What is in the trash, newest first."""
    wanted = AssetSearch(trashed=True, limit=limit, cursor=cursor)
    return await found_page(tenant, catalog, assets, wanted)


@router.delete("/v1/trash", response_model=TrashEmptied)
async def empty_trash(tenant: TenantDep, trash: TrashDep) -> TrashEmptied:
    return TrashEmptied(purged=await trash.empty(tenant))


@router.get("/v1/library/settings", response_model=LibrarySettingsPublic)
async def get_settings(tenant: TenantDep, policies: PoliciesDep) -> LibrarySettingsPublic:
    return await policies.get(tenant)


@router.put("/v1/library/settings", response_model=LibrarySettingsPublic)
async def put_settings(
    body: LibrarySettingsUpdate, tenant: TenantDep, policies: PoliciesDep
) -> LibrarySettingsPublic:
    return await policies.put(tenant, body)
