"""`/v1/shares`: a tenant's share links; `/v1/shared/{token}`: what a link opens, for whoever
holds it (the gateway calls these for no tenant: the token says whose share it is)."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
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
from services.library.api.deps import SharesDep, SharingDep, TenantDep
from shared.internal import ServiceDep

router = APIRouter(tags=["shares"])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
PublicUrl = Annotated[str, Header(alias=PUBLIC_URL_HEADER)]
Access = Annotated[str | None, Query(max_length=200)]


@router.post("/v1/shares", response_model=ShareCreated, status_code=status.HTTP_201_CREATED)
async def create(
    body: ShareCreate, tenant: TenantDep, sharing: SharingDep, public_url: PublicUrl = ""
) -> ShareCreated:
    return await sharing.create(tenant, body, public_url)


@router.get("/v1/shares", response_model=SharesPublic)
async def list_shares(
    tenant: TenantDep,
    shares: SharesDep,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> SharesPublic:
    records, following = await shares.page(tenant, cursor, limit)
    return SharesPublic(items=[record.public() for record in records], next=following)


@router.get("/v1/shares/{share_id}", response_model=SharePublic)
async def get(share_id: str, tenant: TenantDep, shares: SharesDep) -> SharePublic:
    return (await shares.get(tenant, share_id)).public()


@router.delete("/v1/shares/{share_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke(share_id: str, tenant: TenantDep, shares: SharesDep) -> None:
    await shares.revoke(tenant, share_id)


@router.get("/v1/shared/{token}", response_model=SharedView)
async def view(
    token: str,
    _: ServiceDep,
    sharing: SharingDep,
    access: Access = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
    public_url: PublicUrl = "",
) -> SharedView:
    return await sharing.view(token, access, cursor, limit, public_url)


@router.post("/v1/shared/{token}/unlock", response_model=ShareAccess)
async def unlock(token: str, body: ShareUnlock, _: ServiceDep, sharing: SharingDep) -> ShareAccess:
    return await sharing.unlock(token, body.password)


@router.get("/v1/shared/{token}/assets/{asset_id}/content")
async def content(
    token: str,
    asset_id: str,
    _: ServiceDep,
    sharing: SharingDep,
    access: Access = None,
    download: bool = False,
) -> Response:
    data, asset = await sharing.content(token, asset_id, access, download)
    extension = "jpg" if asset.format == "jpeg" else asset.format
    disposition = "attachment" if download else "inline"
    headers = {
        "Content-Disposition": f'{disposition}; filename="{asset.id}.{extension}"',
        "Cache-Control": "no-store",
    }
    return Response(data, media_type=asset.content_type, headers=headers)
