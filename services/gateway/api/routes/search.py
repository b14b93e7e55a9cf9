"""`/v1/assets/search`, `/v1/assets/duplicates`, `/v1/assets/{id}/similar` and `/v1/tags`:
finding the tenant's assets again (served by the library's catalog)."""

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response

from contracts.http.collections import TagsPublic
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.search import AssetSearch, AssetSearchPage
from contracts.http.similar import DuplicatesPublic, SimilarPublic
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(tags=["assets"], route_class=Strict)
ERRORS = error_responses(401, 404, 422)


@router.get(
    "/v1/assets/search",
    response_model=AssetSearchPage,
    responses=ERRORS,
    operation_id="assets.search",
)
async def search_assets(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    wanted: Annotated[AssetSearch, Query()],
) -> Response:
    """Words (`q`: every word, in the prompt, title, description, tags or caption; the last may
    be a word's start) or meaning (`mode=semantic`: "sunset beach ad" finds "golden hour by the
    sea"), and filters (list parameters repeat: `kind=edit&kind=upscale`), sorted, with `total`.
    Trashed assets only with `trashed=true`."""
    return await _forward(request, tenant, gateway, "/v1/assets/search")


@router.get(
    "/v1/assets/duplicates",
    response_model=DuplicatesPublic,
    responses=ERRORS,
    operation_id="assets.duplicates",
)
async def duplicates(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    max_distance: Annotated[int, Query(ge=0, le=3)] = 2,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
) -> Response:
    """Groups of near-identical images (perceptual hashes within `max_distance` bits), for
    clean-up: re-encoded, resized or lightly edited copies."""
    return await _forward(request, tenant, gateway, "/v1/assets/duplicates")


@router.get(
    "/v1/assets/{asset_id}/similar",
    response_model=SimilarPublic,
    responses=ERRORS,
    operation_id="assets.similar",
)
async def similar_assets(
    asset_id: str,
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    by: Literal["phash", "color"] = "phash",
    max_distance: Annotated[int, Query(ge=0, le=32)] = 10,
    min_score: Annotated[float, Query(ge=0, le=1)] = 0.9,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
) -> Response:
    """More like this: `by=phash` finds near-duplicates (Hamming distance ≤ `max_distance`),
    `by=color` look-alikes by colour (cosine ≥ `min_score`)."""
    path = f"/v1/assets/{quote(asset_id, safe='')}/similar"
    return await _forward(request, tenant, gateway, path)


@router.get("/v1/tags", response_model=TagsPublic, responses=ERRORS, operation_id="tags.list")
async def list_tags(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    prefix: Annotated[str, Query(max_length=50)] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Response:
    """Every tag on the tenant's assets (manual and automatic), most used first."""
    return await _forward(request, tenant, gateway, "/v1/tags")


async def _forward(request: Request, tenant: str, gateway: GatewayDep, path: str) -> Response:
    return await gateway.library.forward(tenant, path, tuple(request.query_params.multi_items()))
