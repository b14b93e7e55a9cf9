"""`/v1/assets`: list, read, download and record assets of the tenant the gateway names."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status
from fastapi.responses import RedirectResponse

from contracts.http.assets import (
    AssetEdit,
    AssetFilters,
    AssetPublic,
    AssetRevert,
    AssetsPublic,
    StoredAsset,
    UploadCreate,
    VersionsPublic,
)
from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from contracts.http.usage import ACTOR_HEADER, UsageRendition
from services.library.api.deps import (
    AssetsDep,
    EmbedderDep,
    EnricherDep,
    StoreDep,
    TenantDep,
    UsageDep,
)
from services.library.assets.edits import merge_update
from services.library.assets.reverts import revert
from services.library.enrichment.enricher import refresh_embedding
from services.library.usage.records import Use
from shared.errors import PermanentError

router = APIRouter(prefix="/v1/assets", tags=["assets"])


@router.get("", response_model=AssetsPublic)
async def list_assets(
    tenant: TenantDep,
    assets: AssetsDep,
    filters: Annotated[AssetFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> AssetsPublic:
    records, next_cursor = await assets.page(tenant, cursor=cursor, limit=limit, filters=filters)
    return AssetsPublic(items=[record.public() for record in records], next=next_cursor)


@router.get("/{asset_id}", response_model=AssetPublic)
async def get_asset(
    asset_id: str, tenant: TenantDep, assets: AssetsDep, response: Response
) -> AssetPublic:
    record = await assets.get(tenant, asset_id, trashed=True)
    response.headers["ETag"] = record.etag
    return record.public()


@router.patch("/{asset_id}", response_model=AssetPublic)
async def edit_asset(
    asset_id: str,
    edit: AssetEdit,
    tenant: TenantDep,
    assets: AssetsDep,
    embedder: EmbedderDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> AssetPublic:
    """Merge the edit into the asset (its embedding made again when the title or description
    changes); with `If-Match`, only if it is still that version."""
    record = await assets.get(tenant, asset_id)
    expected = None if if_match is None else _version(if_match)
    if expected is not None and expected != record.updated_at_ms:
        raise _changed(record.etag)
    update = await refresh_embedding(embedder, record, merge_update(edit))
    matched = await assets.update(tenant, [asset_id], update, expected_ms=expected)
    if not matched:
        raise _changed((await assets.get(tenant, asset_id)).etag)
    edited = await assets.get(tenant, asset_id)
    response.headers["ETag"] = edited.etag
    return edited.public()


def _version(if_match: str) -> int:
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise PermanentError("invalid_request", 'If-Match takes the asset\'s ETag, e.g. "1765"')
    return int(tag)


def _changed(etag: str) -> PermanentError:
    return PermanentError(
        "precondition_failed",
        f"the asset was changed since that version (it is now {etag}); read it and edit again",
    )


@router.get("/{asset_id}/versions", response_model=VersionsPublic)
async def versions(asset_id: str, tenant: TenantDep, assets: AssetsDep) -> VersionsPublic:
    root_id, records = await assets.versions(tenant, asset_id)
    return VersionsPublic(root_id=root_id, items=[record.public() for record in records])


@router.post("/{asset_id}/revert", response_model=AssetPublic, status_code=201)
async def revert_asset(
    asset_id: str, wanted: AssetRevert, tenant: TenantDep, assets: AssetsDep, store: StoreDep
) -> AssetPublic:
    """A new version at the head of the chain, with an earlier version's image."""
    return (await revert(assets, store, tenant, asset_id, wanted)).public()


@router.get("/{asset_id}/stored", response_model=StoredAsset)
async def stored(asset_id: str, tenant: TenantDep, assets: AssetsDep) -> StoredAsset:
    """Where the asset's object is (for the gateway to hand a job its inputs)."""
    return (await assets.get(tenant, asset_id)).stored()


@router.get("/{asset_id}/content", status_code=status.HTTP_302_FOUND)
async def download(
    asset_id: str,
    tenant: TenantDep,
    assets: AssetsDep,
    store: StoreDep,
    usage: UsageDep,
    request: Request,
    actor: Annotated[str, Header(alias=ACTOR_HEADER)] = "platform",
    preview: bool = False,
) -> RedirectResponse:
    """A short-lived URL of the asset's object (one in the trash too); a download is recorded
    as its usage, a `preview` (shown, not taken) is not."""
    record = await assets.get(tenant, asset_id, trashed=True)
    url = await store.download_url(record.object_key, request.app.state.presign_ttl_s)
    if not preview:
        rendition = UsageRendition(asset_id=record.id, preset=record.preset)
        await usage.record(tenant, [Use(record.id, "download", actor, rendition)])
    return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store"})


@router.post("", response_model=AssetPublic, status_code=status.HTTP_201_CREATED)
async def record_upload(
    upload: UploadCreate, tenant: TenantDep, assets: AssetsDep, enricher: EnricherDep
) -> AssetPublic:
    """Record an upload and enrich it (facts, tags, caption), as it is once enriched."""
    recorded = await assets.record_upload(tenant, upload)
    return (await enricher.enrich_upload(recorded)).public()
