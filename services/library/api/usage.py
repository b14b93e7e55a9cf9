"""`/v1/assets/{id}/usage`: how an asset was used; `/v1/exports`: the archives made."""

from typing import Annotated

from fastapi import APIRouter, Query, status

from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from contracts.http.usage import AssetUsesPublic, ExportCreate, ExportPublic, ExportsPublic
from services.library.api.deps import AssetsDep, ExportsDep, TenantDep, UsageDep

router = APIRouter(tags=["usage"])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


@router.get("/v1/assets/{asset_id}/usage", response_model=AssetUsesPublic)
async def asset_usage(
    asset_id: str,
    tenant: TenantDep,
    assets: AssetsDep,
    usage: UsageDep,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> AssetUsesPublic:
    await assets.get(tenant, asset_id, trashed=True)
    records, following = await usage.page(tenant, asset_id, cursor, limit)
    totals = await usage.totals(tenant, asset_id)
    return AssetUsesPublic(items=[r.public() for r in records], next=following, totals=totals)


@router.get("/v1/exports", response_model=ExportsPublic)
async def list_exports(
    tenant: TenantDep,
    exports: ExportsDep,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> ExportsPublic:
    records, following = await exports.page(tenant, cursor, limit)
    return ExportsPublic(items=[record.public() for record in records], next=following)


@router.post("/v1/exports", response_model=ExportPublic, status_code=status.HTTP_201_CREATED)
async def record_export(body: ExportCreate, tenant: TenantDep, exports: ExportsDep) -> ExportPublic:
    """The gateway sent an archive: remember what it held."""
    return (await exports.record(tenant, body)).public()
