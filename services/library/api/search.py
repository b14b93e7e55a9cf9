"""`/v1/assets/search`, `/similar`, `/duplicates` and `/v1/tags`: reads of the catalog."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from contracts.http.assets import AssetPublic
from contracts.http.collections import TagCount, TagsPublic
from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from contracts.http.search import AssetHit, AssetSearch, AssetSearchPage
from contracts.http.similar import DuplicateGroup, DuplicatesPublic, SimilarPublic
from services.library.api.deps import AssetsDep, CatalogDep, EmbedderDep, TenantDep
from services.library.assets.records import AssetRecord, Assets
from services.library.catalog import query, similar
from services.library.catalog.catalog import Catalog
from services.library.catalog.columns import Array

router = APIRouter(tags=["search"])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


@router.get("/v1/assets/search", response_model=AssetSearchPage)
async def search(
    tenant: TenantDep,
    catalog: CatalogDep,
    assets: AssetsDep,
    embedder: EmbedderDep,
    wanted: Annotated[AssetSearch, Query()],
) -> AssetSearchPage:
    vector = await embedder.embed(wanted.q) if wanted.mode == "semantic" and wanted.q else None
    return await found_page(tenant, catalog, assets, wanted, vector)


async def found_page(
    tenant: str,
    catalog: Catalog,
    assets: Assets,
    wanted: AssetSearch,
    vector: Array | None = None,
) -> AssetSearchPage:
    """A page of what the search finds, as the API shows it."""
    columns = await catalog.columns(tenant)
    hits = query.search(columns, wanted, wanted.cursor, wanted.limit, vector)
    records = await assets.many(tenant, hits.ids)
    items = [
        AssetHit(**records[asset_id].public().model_dump(), score=score)
        for asset_id, score in zip(hits.ids, hits.scores, strict=True)
        if asset_id in records
    ]
    return AssetSearchPage(items=items, next=hits.next, total=hits.total)


@router.get("/v1/assets/duplicates", response_model=DuplicatesPublic)
async def duplicates(
    tenant: TenantDep,
    catalog: CatalogDep,
    assets: AssetsDep,
    max_distance: Annotated[int, Query(ge=0, le=similar.BANDS - 1)] = 2,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> DuplicatesPublic:
    columns = await catalog.columns(tenant)
    groups = similar.duplicate_groups(columns, max_distance)
    shown = [[columns.ids[row] for row in group] for group in groups[:limit]]
    records = await assets.many(tenant, [asset_id for group in shown for asset_id in group])
    return DuplicatesPublic(
        groups=[DuplicateGroup(items=_public(records, group)) for group in shown],
        total=len(groups),
    )


@router.get("/v1/assets/{asset_id}/similar", response_model=SimilarPublic)
async def more_like_this(
    asset_id: str,
    tenant: TenantDep,
    catalog: CatalogDep,
    assets: AssetsDep,
    by: Literal["phash", "color"] = "phash",
    max_distance: Annotated[int, Query(ge=0, le=32)] = 10,
    min_score: Annotated[float, Query(ge=0, le=1)] = 0.9,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> SimilarPublic:
    await assets.get(tenant, asset_id)
    columns = await catalog.columns(tenant)
    row = columns.row_of[asset_id]
    if by == "phash":
        found = similar.by_hash(columns, row, max_distance, limit)
    else:
        found = similar.by_color(columns, row, min_score, limit)
    records = await assets.many(tenant, [columns.ids[r] for r, _ in found])
    items = [
        AssetHit(**records[columns.ids[r]].public().model_dump(), score=score)
        for r, score in found
        if columns.ids[r] in records
    ]
    return SimilarPublic(by=by, items=items)


@router.get("/v1/tags", response_model=TagsPublic)
async def tags(
    tenant: TenantDep,
    catalog: CatalogDep,
    prefix: Annotated[str, Query(max_length=50)] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> TagsPublic:
    columns = await catalog.columns(tenant)
    live = columns.view("alive") & ~columns.view("trashed")
    counted: list[TagCount] = []
    for tag, rows in columns.tag_rows.items():
        if not tag.startswith(prefix.strip().lower()):
            continue
        kept = [row for row in rows if live[row]]
        if kept:
            sources = sorted({s for row in kept for s in columns.tags[row][tag]})
            counted.append(
                TagCount.model_validate({"tag": tag, "count": len(kept), "sources": sources})
            )
    counted.sort(key=lambda t: (-t.count, t.tag))
    return TagsPublic(items=counted[:limit])


def _public(records: dict[str, AssetRecord], ids: list[str]) -> list[AssetPublic]:
    return [records[asset_id].public() for asset_id in ids if asset_id in records]
