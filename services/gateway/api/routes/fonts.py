"""`/v1/fonts`: the bundled font families, and uploads of a tenant's own fonts (stored as
assets, named by `edit.text_overlay` and brand kits)."""

from fastapi import APIRouter, UploadFile, status

from contracts.http.assets import AssetPublic
from contracts.http.fonts import FontsPublic
from services.gateway.api.deps import GatewayDep, TenantDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1/fonts", tags=["assets"], route_class=Strict)


@router.get(
    "", response_model=FontsPublic, responses=error_responses(401), operation_id="fonts.list"
)
async def list_fonts(_: TenantDep) -> FontsPublic:
    """The bundled families `edit.text_overlay` may name, with the scripts each can set."""
    return FontsPublic.bundled()


@router.post(
    "",
    response_model=AssetPublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 413, 422),
    operation_id="fonts.upload",
    dependencies=[REPLAYED],
)
async def upload_font(file: UploadFile, tenant: TenantDep, gateway: GatewayDep) -> AssetPublic:
    """Multipart field `file`: a TrueType (`.ttf`) or OpenType (`.otf`) font of at most 10 MB,
    checked by loading it (not by name); anything else is refused with `invalid_font`. Stored
    as a `font/ttf` or `font/otf` asset, for a brand kit's `fonts` or an overlay's
    `font_asset_id`."""
    data = await file.read(gateway.settings.upload_max_bytes + 1)
    return await gateway.uploads.upload_font(tenant, data, file.filename)
