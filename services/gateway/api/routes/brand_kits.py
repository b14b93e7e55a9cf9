"""`/v1/brand-kits`: the tenant's brand kits (a `generate` job applies the one it names; text
overlays and watermarks use its fonts and logo)."""

from fastapi import APIRouter, Response, status

from contracts.brand import BrandKitSpec
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.providers import BrandKitPublic, BrandKitsPublic
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from services.gateway.tenants.brand_kits import check_assets
from shared.http import error_responses

router = APIRouter(prefix="/v1/brand-kits", tags=["brand kits"], route_class=Strict)
ERRORS = error_responses(401, 404, 422)


@router.post(
    "",
    response_model=BrandKitPublic,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="brand_kits.create",
    dependencies=[REPLAYED],
)
async def create_brand_kit(
    body: BrandKitSpec, tenant: TenantDep, gateway: GatewayDep, response: Response
) -> BrandKitPublic:
    await check_assets(gateway.library, tenant, body)
    record = await gateway.brand_kits.create(tenant, body)
    response.headers["Location"] = f"/v1/brand-kits/{record.id}"
    return record.public()


@router.get("", response_model=BrandKitsPublic, responses=ERRORS, operation_id="brand_kits.list")
async def list_brand_kits(
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> BrandKitsPublic:
    records, next_cursor = await gateway.brand_kits.page(tenant, cursor=cursor, limit=limit)
    return BrandKitsPublic(items=[r.public() for r in records], next=next_cursor)


@router.get(
    "/{kit_id}", response_model=BrandKitPublic, responses=ERRORS, operation_id="brand_kits.get"
)
async def get_brand_kit(kit_id: str, tenant: TenantDep, gateway: GatewayDep) -> BrandKitPublic:
    return (await gateway.brand_kits.get(tenant, kit_id)).public()


@router.put(
    "/{kit_id}", response_model=BrandKitPublic, responses=ERRORS, operation_id="brand_kits.replace"
)
async def replace_brand_kit(
    kit_id: str, body: BrandKitSpec, tenant: TenantDep, gateway: GatewayDep
) -> BrandKitPublic:
    """Replace the kit; jobs already submitted keep the copy they were given."""
    await check_assets(gateway.library, tenant, body)
    return (await gateway.brand_kits.replace(tenant, kit_id, body)).public()


@router.delete(
    "/{kit_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    operation_id="brand_kits.delete",
)
async def delete_brand_kit(kit_id: str, tenant: TenantDep, gateway: GatewayDep) -> None:
    await gateway.brand_kits.delete(tenant, kit_id)
