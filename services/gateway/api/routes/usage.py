"""`/v1/assets/{id}/usage`: who used an asset and how; `/v1/exports`: the archives made for
the tenant; `/v1/collections/{id}/archive`: a collection as one zip."""

from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.usage import AssetUsesPublic, ExportsPublic
from services.gateway.api.deps import ActorDep, GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict
from services.gateway.assets.archives import ZIP_ANSWER, Export, collection_about, zip_response
from shared.http import error_responses

router = APIRouter(prefix="/v1", route_class=Strict)
ERRORS = error_responses(401, 404, 422)


@router.get(
    "/assets/{asset_id}/usage",
    response_model=AssetUsesPublic,
    responses=ERRORS,
    operation_id="assets.usage",
    tags=["assets"],
)
async def asset_usage(
    asset_id: str,
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """Every download (by key prefix), share view and download (by link) and archive entry of
    the asset, newest first, with the rendition fetched; `totals` counts each action."""
    path = f"/v1/assets/{quote(asset_id, safe='')}/usage"
    return await gateway.library.forward(tenant, path, dict(request.query_params))


@router.get(
    "/exports",
    response_model=ExportsPublic,
    responses=ERRORS,
    operation_id="exports.list",
    tags=["assets"],
)
async def list_exports(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """Every job, batch and collection archive downloaded to its end, newest first: what it
    held, its size, when and by which key."""
    return await gateway.library.forward(tenant, "/v1/exports", dict(request.query_params))


@router.get(
    "/collections/{collection_id}/archive",
    response_class=StreamingResponse,
    responses={200: ZIP_ANSWER, **ERRORS},
    operation_id="collections.archive",
    tags=["collections"],
)
async def collection_archive(
    collection_id: str, tenant: TenantDep, actor: ActorDep, gateway: GatewayDep
) -> StreamingResponse:
    """A zip of the collection's assets in its order (`0001-<asset id>.<ext>`…), with
    `manifest.json` and `manifest.csv`."""
    collection = await gateway.library.collection(tenant, collection_id)
    assets = await gateway.library.collection_assets(tenant, collection.id)
    export = Export("collection", collection.id, actor)
    about = collection_about(collection)
    chunks = gateway.archives.stream(tenant, assets, about, [], export, ordered=True)
    return zip_response(chunks, collection.id)
