"""`/v1/collections`: projects and campaigns, named and ordered groups of assets."""

from urllib.parse import quote

from fastapi import APIRouter, Request, Response, status

from contracts.http.collections import (
    CollectionCreate,
    CollectionEdit,
    CollectionItemsAdd,
    CollectionItemsChanged,
    CollectionPublic,
    CollectionsPublic,
)
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.search import AssetSearchPage
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1/collections", tags=["collections"], route_class=Strict)
ERRORS = error_responses(401, 404, 422)


def _path(collection_id: str, rest: str = "") -> str:
    return f"/v1/collections/{quote(collection_id, safe='')}{rest}"


@router.post(
    "",
    response_model=CollectionPublic,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="collections.create",
    dependencies=[REPLAYED],
)
async def create_collection(
    body: CollectionCreate, tenant: TenantDep, gateway: GatewayDep
) -> Response:
    return await gateway.library.forward(
        tenant, "/v1/collections", method="POST", json=body.model_dump(mode="json")
    )


@router.get("", response_model=CollectionsPublic, responses=ERRORS, operation_id="collections.list")
async def list_collections(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """Newest first, each with its asset count, cover and what its assets cost."""
    params = tuple(request.query_params.multi_items())
    return await gateway.library.forward(tenant, "/v1/collections", params)


@router.get(
    "/{collection_id}",
    response_model=CollectionPublic,
    responses=ERRORS,
    operation_id="collections.get",
)
async def get_collection(collection_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    return await gateway.library.forward(tenant, _path(collection_id))


@router.patch(
    "/{collection_id}",
    response_model=CollectionPublic,
    responses=ERRORS,
    operation_id="collections.update",
)
async def edit_collection(
    collection_id: str, body: CollectionEdit, tenant: TenantDep, gateway: GatewayDep
) -> Response:
    """A JSON Merge Patch of its name, description and cover."""
    edit = body.model_dump(mode="json", exclude_unset=True)
    return await gateway.library.forward(tenant, _path(collection_id), method="PATCH", json=edit)


@router.delete(
    "/{collection_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    operation_id="collections.delete",
)
async def delete_collection(collection_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Delete the collection; its assets stay in the library."""
    return await gateway.library.forward(tenant, _path(collection_id), method="DELETE")


@router.get(
    "/{collection_id}/assets",
    response_model=AssetSearchPage,
    responses=ERRORS,
    operation_id="collections.list_assets",
)
async def collection_assets(
    collection_id: str,
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """The collection's assets in its own order."""
    params = tuple(request.query_params.multi_items())
    return await gateway.library.forward(tenant, _path(collection_id, "/assets"), params)


@router.post(
    "/{collection_id}/assets",
    response_model=CollectionItemsChanged,
    responses=ERRORS,
    operation_id="collections.add_assets",
)
async def add_assets(
    collection_id: str, body: CollectionItemsAdd, tenant: TenantDep, gateway: GatewayDep
) -> Response:
    """Put assets in the collection, in the order given, at its end or `before` one of its
    assets (assets already in it move)."""
    return await gateway.library.forward(
        tenant, _path(collection_id, "/assets"), method="POST", json=body.model_dump(mode="json")
    )


@router.delete(
    "/{collection_id}/assets/{asset_id}",
    response_model=CollectionItemsChanged,
    responses=ERRORS,
    operation_id="collections.remove_asset",
)
async def remove_asset(
    collection_id: str, asset_id: str, tenant: TenantDep, gateway: GatewayDep
) -> Response:
    path = _path(collection_id, f"/assets/{quote(asset_id, safe='')}")
    return await gateway.library.forward(tenant, path, method="DELETE")
