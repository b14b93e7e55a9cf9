"""`/v1/assets`: the tenant's assets, served by the library through the gateway."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response

from contracts.http.assets import AssetFilters, AssetPublic, AssetsPublic, VersionsPublic
from contracts.http.pages import DEFAULT_PAGE_SIZE
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1/assets", tags=["assets"], route_class=Strict)
ERRORS = error_responses(401, 404, 422)


@router.get("", response_model=AssetsPublic, responses=ERRORS, operation_id="assets.list")
async def list_assets(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    filters: Annotated[AssetFilters, Query()],
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """Newest first; filter by the job that made them, kind (`generate`, `upload`…), platform
    format (`preset=ig.story`), platform, source asset or role (`output`, `safe_zone_preview`)."""
    return await gateway.library.forward(tenant, "/v1/assets", dict(request.query_params))


@router.get("/{asset_id}", response_model=AssetPublic, responses=ERRORS, operation_id="assets.get")
async def get_asset(asset_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    return await gateway.library.forward(tenant, f"/v1/assets/{quote(asset_id, safe='')}")


@router.get(
    "/{asset_id}/versions",
    response_model=VersionsPublic,
    responses=ERRORS,
    operation_id="assets.list_versions",
)
async def asset_versions(asset_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """The asset's version chain: the untouched original first, then every edit made from it
    or from its versions, oldest first, each naming its `parent_id`."""
    path = f"/v1/assets/{quote(asset_id, safe='')}/versions"
    return await gateway.library.forward(tenant, path)


@router.get(
    "/{asset_id}/content",
    status_code=302,
    responses={302: {"description": "Redirect to a short-lived download URL."}, **ERRORS},
    operation_id="assets.download",
)
async def download_asset(asset_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    path = f"/v1/assets/{quote(asset_id, safe='')}/content"
    return await gateway.library.forward(tenant, path)
