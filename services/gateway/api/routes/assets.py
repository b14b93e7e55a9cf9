"""`/v1/assets`: the tenant's assets, served by the library through the gateway."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Header, Query, Request, Response

from contracts.http.assets import (
    AssetEdit,
    AssetFilters,
    AssetPublic,
    AssetRevert,
    AssetsPublic,
    VersionsPublic,
)
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.usage import ACTOR_HEADER
from services.gateway.api.deps import ActorDep, GatewayDep, PageLimit, TenantDep
from services.gateway.api.replays import REPLAYED
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
    """The asset with everything known of it; its `ETag` is its version, for `If-Match`."""
    return await gateway.library.forward(tenant, f"/v1/assets/{quote(asset_id, safe='')}")


@router.patch(
    "/{asset_id}",
    response_model=AssetPublic,
    responses=error_responses(401, 404, 412, 422),
    operation_id="assets.update",
)
async def edit_asset(
    asset_id: str,
    edit: AssetEdit,
    tenant: TenantDep,
    gateway: GatewayDep,
    if_match: Annotated[
        str | None,
        Header(description="The `ETag` read with the asset: 412 if it changed since."),
    ] = None,
) -> Response:
    """Edit the asset's own fields (title, description, tags, rating, favorite, custom) as a
    JSON Merge Patch: members left out stay, members set to null are cleared. With `If-Match`
    two editors cannot overwrite each other: the later one gets 412 `precondition_failed`."""
    headers = {"If-Match": if_match} if if_match is not None else None
    body = edit.model_dump(mode="json", exclude_unset=True)
    path = f"/v1/assets/{quote(asset_id, safe='')}"
    return await gateway.library.forward(tenant, path, method="PATCH", json=body, headers=headers)


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


@router.post(
    "/{asset_id}/revert",
    response_model=AssetPublic,
    status_code=201,
    responses=error_responses(401, 404, 409, 422),
    operation_id="assets.revert",
    dependencies=[REPLAYED],
)
async def revert_asset(
    asset_id: str, wanted: AssetRevert, tenant: TenantDep, gateway: GatewayDep
) -> Response:
    """Make an earlier version the newest again: a NEW version is added at the head of the
    chain (its parent the head, its image a copy of `version_id`'s bytes, `kind` `revert`,
    `reused_from` the version copied); nothing is removed, so history stays append-only.
    422 `version_not_in_chain` for a version of another chain; 409 `asset_trashed` when the
    asset or that version is in the trash. Takes an `Idempotency-Key`."""
    path = f"/v1/assets/{quote(asset_id, safe='')}/revert"
    body = wanted.model_dump(mode="json")
    return await gateway.library.forward(tenant, path, method="POST", json=body)


@router.get(
    "/{asset_id}/content",
    status_code=302,
    responses={302: {"description": "Redirect to a short-lived download URL."}, **ERRORS},
    operation_id="assets.download",
)
async def download_asset(
    asset_id: str,
    tenant: TenantDep,
    actor: ActorDep,
    gateway: GatewayDep,
    preview: Annotated[
        bool,
        Query(description="Only to show it (a thumbnail, a preview): not recorded as a use."),
    ] = False,
) -> Response:
    """Recorded in the asset's usage (`GET /v1/assets/{id}/usage`) with the key's prefix,
    unless it is a `preview`. Assets in the trash download too."""
    path = f"/v1/assets/{quote(asset_id, safe='')}/content"
    params = {"preview": "true"} if preview else None
    return await gateway.library.forward(tenant, path, params, headers={ACTOR_HEADER: actor})
