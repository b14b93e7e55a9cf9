"""`/v1/references`: the reference library, sketches, structures and styles saved to guide
control jobs (`reference_id` in a `control.multi` control); assets of the library by their tags."""

from fastapi import APIRouter, Response, status

from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.references import ReferenceCreate, ReferencePublic, ReferencesPublic
from contracts.params.multi_control import ControlType
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict
from services.gateway.assets.references import References
from shared.http import error_responses

router = APIRouter(prefix="/v1/references", tags=["references"], route_class=Strict)


@router.post(
    "",
    response_model=ReferencePublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 404, 415, 422),
    operation_id="references.create",
)
async def save_reference(
    create: ReferenceCreate, tenant: TenantDep, gateway: GatewayDep
) -> ReferencePublic:
    """Save an image of the library as a `sketch`, `structure` or `style` reference (an asset
    is a reference of one type at a time; saving it again changes its type)."""
    return await References(gateway.library).save(tenant, create)


@router.get(
    "",
    response_model=ReferencesPublic,
    responses=error_responses(401, 422),
    operation_id="references.list",
)
async def list_references(
    tenant: TenantDep,
    gateway: GatewayDep,
    type: ControlType | None = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> ReferencesPublic:
    """The saved references, newest first; `type` keeps one type."""
    return await References(gateway.library).page(tenant, type, limit, cursor)


@router.delete(
    "/{asset_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404),
    operation_id="references.delete",
)
async def remove_reference(asset_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """No longer a reference; the asset itself stays in the library."""
    await References(gateway.library).remove(tenant, asset_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
