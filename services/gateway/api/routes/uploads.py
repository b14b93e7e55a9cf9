"""`POST /v1/uploads`: store a tenant's own image as an asset."""

from fastapi import APIRouter, UploadFile, status

from contracts.http.assets import AssetPublic
from services.gateway.api.deps import GatewayDep, TenantDep
from shared.http import error_responses

router = APIRouter(prefix="/v1/uploads", tags=["assets"])
ERRORS = error_responses(401, 413, 415, 422)


@router.post("", response_model=AssetPublic, status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def upload(file: UploadFile, tenant: TenantDep, gateway: GatewayDep) -> AssetPublic:
    """Multipart field `file`: a PNG, JPEG or WebP image, checked by content (not by name), byte
    size and pixel count. Refused uploads store nothing."""
    data = await file.read(gateway.settings.upload_max_bytes + 1)
    return await gateway.uploads.upload(tenant, data, file.filename)
