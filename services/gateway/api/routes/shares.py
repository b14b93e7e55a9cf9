"""`/v1/shares`: the tenant's share links; `/v1/shared/{token}`: what a link opens, for anyone
holding it, without an API key (the library finds the share by its token and answers only what
is shared: never the tenant, its object keys or its other assets)."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response, status

from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.shares import (
    PUBLIC_URL_HEADER,
    ShareAccess,
    ShareCreate,
    ShareCreated,
    SharedView,
    SharePublic,
    SharesPublic,
    ShareUnlock,
)
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1", route_class=Strict)
ERRORS = error_responses(401, 404, 422)
PUBLIC_ERRORS = error_responses(401, 404, 410)
Access = Annotated[
    str | None,
    Query(max_length=200, description="The grant of `/unlock`, for a link with a password."),
]


def _path(share_id: str) -> str:
    return f"/v1/shares/{quote(share_id, safe='')}"


def _shared(token: str, rest: str = "") -> str:
    return f"/v1/shared/{quote(token, safe='')}{rest}"


@router.post(
    "/shares",
    response_model=ShareCreated,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="shares.create",
    tags=["shares"],
    dependencies=[REPLAYED],
)
async def create_share(body: ShareCreate, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """A link to one asset (with its platform renditions) or one collection, opened without an
    API key: optionally expiring, behind a password, view only. The answer holds the token, the
    link and (for an asset without a password) an embed snippet: shown this once."""
    json = body.model_dump(mode="json", exclude_unset=True)
    headers = {PUBLIC_URL_HEADER: gateway.settings.public_url}
    answer = await gateway.library.forward(
        tenant, "/v1/shares", method="POST", json=json, headers=headers
    )
    if answer.status_code == status.HTTP_201_CREATED:
        answer.headers["Location"] = _path(ShareCreated.model_validate_json(bytes(answer.body)).id)
    return answer


@router.get(
    "/shares",
    response_model=SharesPublic,
    responses=ERRORS,
    operation_id="shares.list",
    tags=["shares"],
)
async def list_shares(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """Newest first, each with its views and downloads (never its token)."""
    return await gateway.library.forward(tenant, "/v1/shares", dict(request.query_params))


@router.get(
    "/shares/{share_id}",
    response_model=SharePublic,
    responses=ERRORS,
    operation_id="shares.get",
    tags=["shares"],
)
async def get_share(share_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    return await gateway.library.forward(tenant, _path(share_id))


@router.delete(
    "/shares/{share_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    operation_id="shares.revoke",
    tags=["shares"],
)
async def revoke_share(share_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """The link stops working at once (404 from then on)."""
    return await gateway.library.forward(tenant, _path(share_id), method="DELETE")


@router.get(
    "/shared/{token}",
    response_model=SharedView,
    responses=PUBLIC_ERRORS,
    operation_id="shared.get",
    tags=["shared"],
)
async def open_share(
    token: str,
    request: Request,
    gateway: GatewayDep,
    access: Access = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """No API key. What the link shares: an asset (its format, size, title, description, a
    content link, its renditions and an embed snippet) or a collection (its name and its
    items in order, `cursor` for more). Counts a view. 410 `share_expired`; with a password,
    401 `share_password_required` until `?access=` holds a grant of `/unlock`."""
    headers = {PUBLIC_URL_HEADER: gateway.settings.public_url}
    params = dict(request.query_params)
    return await gateway.library.forward(None, _shared(token), params, headers=headers)


@router.post(
    "/shared/{token}/unlock",
    response_model=ShareAccess,
    responses={**PUBLIC_ERRORS, **error_responses(429)},
    operation_id="shared.unlock",
    tags=["shared"],
)
async def unlock_share(token: str, body: ShareUnlock, gateway: GatewayDep) -> Response:
    """No API key. The link's password for an access grant valid one hour; a wrong one is 401
    `share_password_wrong`, and after 10 wrong ones in 5 minutes 429 `rate_limited`."""
    path = _shared(token, "/unlock")
    return await gateway.library.forward(None, path, method="POST", json=body.model_dump())


@router.get(
    "/shared/{token}/assets/{asset_id}/content",
    response_class=Response,
    responses={
        200: {"content": {"image/*": {}}, "description": "The bytes."},
        **PUBLIC_ERRORS,
        **error_responses(403),
    },
    operation_id="shared.content",
    tags=["shared"],
)
async def shared_content(
    token: str,
    asset_id: str,
    gateway: GatewayDep,
    access: Access = None,
    download: bool = False,
) -> Response:
    """No API key. The bytes of the shared asset or of one of its renditions, inline, or as an
    attachment with `download=true` (403 `share_download_not_allowed` on a view-only link).
    Counts a download."""
    params = {"download": str(download).lower()} | ({"access": access} if access else {})
    path = _shared(token, f"/assets/{quote(asset_id, safe='')}/content")
    return await gateway.library.forward(None, path, params)
