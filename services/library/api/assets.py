"""`/v1/assets`: list, read, download and record assets of the tenant the gateway names."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse

from contracts.http.assets import (
    AssetFilters,
    AssetPublic,
    AssetsPublic,
    StoredAsset,
    UploadCreate,
    VersionsPublic,
)
from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from services.library.api.deps import AssetsDep, StoreDep, TenantDep

router = APIRouter(prefix="/v1/assets", tags=["assets"])


@router.get("", response_model=AssetsPublic)
async def list_assets(
    tenant: TenantDep,
    assets: AssetsDep,
    filters: Annotated[AssetFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> AssetsPublic:
    records, next_cursor = await assets.page(tenant, cursor=cursor, limit=limit, filters=filters)
    return AssetsPublic(items=[record.public() for record in records], next=next_cursor)


@router.get("/{asset_id}", response_model=AssetPublic)
async def get_asset(asset_id: str, tenant: TenantDep, assets: AssetsDep) -> AssetPublic:
    return (await assets.get(tenant, asset_id)).public()


@router.get("/{asset_id}/versions", response_model=VersionsPublic)
async def versions(asset_id: str, tenant: TenantDep, assets: AssetsDep) -> VersionsPublic:
    root_id, records = await assets.versions(tenant, asset_id)
    return VersionsPublic(root_id=root_id, items=[record.public() for record in records])


@router.get("/{asset_id}/stored", response_model=StoredAsset)
async def stored(asset_id: str, tenant: TenantDep, assets: AssetsDep) -> StoredAsset:
    """Where the asset's object is (for the gateway to hand a job its inputs)."""
    return (await assets.get(tenant, asset_id)).stored()


@router.get("/{asset_id}/content", status_code=status.HTTP_302_FOUND)
async def download(
    asset_id: str, tenant: TenantDep, assets: AssetsDep, store: StoreDep, request: Request
) -> RedirectResponse:
    record = await assets.get(tenant, asset_id)
    url = await store.download_url(record.object_key, request.app.state.presign_ttl_s)
    return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store"})


@router.post("", response_model=AssetPublic, status_code=status.HTTP_201_CREATED)
async def record_upload(upload: UploadCreate, tenant: TenantDep, assets: AssetsDep) -> AssetPublic:
    return (await assets.record_upload(tenant, upload)).public()
