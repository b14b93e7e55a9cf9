"""`/v1/collections`: a tenant's named, ordered groups of assets."""

from typing import Annotated

from fastapi import APIRouter, Query, status

from contracts.http.collections import (
    BatchCollection,
    CollectionCreate,
    CollectionEdit,
    CollectionItemsAdd,
    CollectionItemsChanged,
    CollectionPublic,
    CollectionsPublic,
)
from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from contracts.http.search import AssetFilter, AssetSearch, AssetSearchPage
from services.library.api.deps import AssetsDep, CatalogDep, CollectionsDep, TenantDep
from services.library.api.search import found_page
from services.library.catalog.query import matching

router = APIRouter(prefix="/v1/collections", tags=["collections"])
batches_router = APIRouter(prefix="/v1/batches", tags=["collections"])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


@router.post("", response_model=CollectionPublic, status_code=status.HTTP_201_CREATED)
async def create(
    body: CollectionCreate, tenant: TenantDep, collections: CollectionsDep, catalog: CatalogDep
) -> CollectionPublic:
    record = await collections.create(tenant, body)
    return record.public(await catalog.columns(tenant))


@router.get("", response_model=CollectionsPublic)
async def list_collections(
    tenant: TenantDep,
    collections: CollectionsDep,
    catalog: CatalogDep,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> CollectionsPublic:
    records, following = await collections.page(tenant, cursor, limit)
    columns = await catalog.columns(tenant)
    return CollectionsPublic(items=[r.public(columns) for r in records], next=following)


@router.get("/{collection_id}", response_model=CollectionPublic)
async def get(
    collection_id: str, tenant: TenantDep, collections: CollectionsDep, catalog: CatalogDep
) -> CollectionPublic:
    record = await collections.get(tenant, collection_id)
    return record.public(await catalog.columns(tenant))


@router.patch("/{collection_id}", response_model=CollectionPublic)
async def edit(
    collection_id: str,
    body: CollectionEdit,
    tenant: TenantDep,
    collections: CollectionsDep,
    catalog: CatalogDep,
) -> CollectionPublic:
    record = await collections.edit(tenant, collection_id, body)
    return record.public(await catalog.columns(tenant))


@router.delete("/{collection_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete(
    collection_id: str, tenant: TenantDep, collections: CollectionsDep, catalog: CatalogDep
) -> None:
    await collections.delete(tenant, collection_id, await catalog.columns(tenant))


@router.get("/{collection_id}/assets", response_model=AssetSearchPage)
async def collection_assets(
    collection_id: str,
    tenant: TenantDep,
    collections: CollectionsDep,
    catalog: CatalogDep,
    assets: AssetsDep,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> AssetSearchPage:
    """The collection's assets in its order."""
    await collections.get(tenant, collection_id)
    wanted = AssetSearch(collection_id=collection_id, sort="position", limit=limit, cursor=cursor)
    return await found_page(tenant, catalog, assets, wanted)


@router.post("/{collection_id}/assets", response_model=CollectionItemsChanged)
async def add(
    collection_id: str,
    body: CollectionItemsAdd,
    tenant: TenantDep,
    collections: CollectionsDep,
    catalog: CatalogDep,
) -> CollectionItemsChanged:
    columns = await catalog.columns(tenant)
    await collections.add(tenant, collection_id, body.asset_ids, body.before, columns)
    return await _changed(tenant, collection_id, catalog)


@router.delete("/{collection_id}/assets/{asset_id}", response_model=CollectionItemsChanged)
async def remove(
    collection_id: str,
    asset_id: str,
    tenant: TenantDep,
    collections: CollectionsDep,
    catalog: CatalogDep,
    assets: AssetsDep,
) -> CollectionItemsChanged:
    await assets.get(tenant, asset_id, trashed=True)
    await collections.remove(tenant, collection_id, asset_id)
    return await _changed(tenant, collection_id, catalog)


async def _changed(tenant: str, collection_id: str, catalog: CatalogDep) -> CollectionItemsChanged:
    columns = await catalog.columns(tenant)
    wanted = AssetFilter(collection_id=collection_id)
    return CollectionItemsChanged(
        collection_id=collection_id, asset_count=int(matching(columns, wanted).sum())
    )


@batches_router.put("/{batch_id}/collection", status_code=status.HTTP_204_NO_CONTENT)
async def file_batch(
    batch_id: str, body: BatchCollection, tenant: TenantDep, collections: CollectionsDep
) -> None:
    """The gateway, before a batch's jobs run: put its outputs in this collection."""
    await collections.for_batch(tenant, batch_id, body)
