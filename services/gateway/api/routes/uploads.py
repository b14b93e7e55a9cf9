"""`POST /v1/uploads`, `POST /v1/uploads/url`: store a tenant's own image as an asset."""

from typing import Annotated

from fastapi import APIRouter, Form, UploadFile, status

from contracts.http.assets import AssetPublic
from contracts.http.uploads import UploadFromUrl
from contracts.params.transform import AudioPurpose
from services.gateway.api.deps import GatewayDep, TenantDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1/uploads", tags=["assets"], route_class=Strict)
ERRORS = error_responses(401, 413, 415, 422)


@router.post(
    "",
    response_model=AssetPublic,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="uploads.create",
    dependencies=[REPLAYED],
)
async def upload(
    file: UploadFile,
    tenant: TenantDep,
    gateway: GatewayDep,
    purpose: Annotated[AudioPurpose | None, Form()] = None,
) -> AssetPublic:
    """Multipart field `file`: a PNG, JPEG or WebP image (stored as sent), or AVIF or HEIC
    (stored as PNG when it has alpha, else JPEG), checked by content (not by name), byte size
    and pixel count. GPS location is removed from its EXIF. Or a WAV or MP3 of at most 15 MB,
    decoded to measure it: 3-30 s with `purpose=video`, 3-120 s otherwise (`audio_too_short`,
    `audio_too_long`, `invalid_audio`). Refused uploads store nothing."""
    data = await file.read(gateway.settings.upload_max_bytes + 1)
    return await gateway.uploads.upload(tenant, data, file.filename, purpose)


@router.post(
    "/url",
    response_model=AssetPublic,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="uploads.create_from_url",
    dependencies=[REPLAYED],
)
async def upload_from_url(
    body: UploadFromUrl, tenant: TenantDep, gateway: GatewayDep
) -> AssetPublic:
    """The image at an http(s) URL, then checked and stored like a file upload. Hosts on
    private, loopback or link-local addresses (redirect targets too) are refused with
    `url_not_allowed`; a failing, non-2xx or too slow server with `url_fetch_failed`."""
    return await gateway.uploads.upload_from_url(tenant, body)
