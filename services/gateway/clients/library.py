"""The library's internal API, as the gateway calls it."""

import logging
from urllib.parse import quote

from contracts.http.assets import AssetPublic, AssetsPublic, StoredAsset, UploadCreate
from contracts.http.collections import BatchCollection, CollectionPublic
from contracts.http.errors import FieldError
from contracts.http.search import AssetSearchPage
from contracts.http.usage import ExportCreate, ExportPublic
from services.gateway.clients.internal import InternalService
from shared.errors import PermanentError, RetryableError, StudioError

log = logging.getLogger(__name__)


CATALOG_READ_S = 60.0
"""A tenant's first search on a library replica reads its whole catalog (about 15 s for
100,000 assets on the local store); later ones take milliseconds."""


class LibraryClient(InternalService):
    def __init__(self, base_url: str, token: str) -> None:
        super().__init__("library", base_url, token, timeout_s=CATALOG_READ_S)

    async def file_batch(
        self, tenant_id: str, batch_id: str, collection_id: str, watermarked: bool = False
    ) -> None:
        """Have the batch's outputs (the watermarked versions of its images, if `watermarked`)
        put in the collection (422 naming `collection_id` when the tenant has no such
        collection)."""
        path = f"/v1/batches/{quote(batch_id, safe='')}/collection"
        body = BatchCollection(collection_id=collection_id, watermarked=watermarked).model_dump()
        response = await self.request("PUT", path, tenant_id=tenant_id, json=body)
        if response.status_code == 404:
            detail = FieldError(loc="collection_id", message="no such collection", type="not_found")
            raise PermanentError("invalid_batch", f"no collection {collection_id}", [detail])
        if response.status_code >= 400:
            raise RetryableError("library_unavailable", f"library answered {response.status_code}")

    async def record_upload(self, tenant_id: str, upload: UploadCreate) -> AssetPublic:
        return await self.call(
            "POST", "/v1/assets", AssetPublic, tenant_id=tenant_id, json=upload.model_dump()
        )

    async def stored(self, tenant_id: str, asset_id: str) -> StoredAsset | None:
        """Where the tenant's asset is stored, or None if the tenant has no such asset."""
        path = f"/v1/assets/{quote(asset_id, safe='')}/stored"
        try:
            return await self.call("GET", path, StoredAsset, tenant_id=tenant_id)
        except PermanentError as exc:
            if exc.code == "not_found":
                return None
            raise

    async def all_assets(self, tenant_id: str, **filters: str) -> list[AssetPublic]:
        """Every asset matching `filters` (e.g. `job_id`, `batch_id`), page after page."""
        assets: list[AssetPublic] = []
        cursor: str | None = None
        while True:
            query = filters | {"limit": "100"} | ({"cursor": cursor} if cursor else {})
            page = await self.call(
                "GET", "/v1/assets", AssetsPublic, tenant_id=tenant_id, params=query
            )
            assets += page.items
            cursor = page.next
            if cursor is None:
                return assets

    async def lists_assets(self, tenant_id: str, job_id: str, count: int) -> bool:
        """Whether the library lists `count` assets of the job now (False if it cannot say)."""
        query = {"job_id": job_id, "limit": "100"}
        try:
            page = await self.call(
                "GET", "/v1/assets", AssetsPublic, tenant_id=tenant_id, params=query
            )
        except StudioError as exc:
            log.warning("library not answering: %s", exc)
            return False
        return len(page.items) >= count

    async def collection(self, tenant_id: str, collection_id: str) -> CollectionPublic:
        path = f"/v1/collections/{quote(collection_id, safe='')}"
        return await self.call("GET", path, CollectionPublic, tenant_id=tenant_id)

    async def collection_assets(self, tenant_id: str, collection_id: str) -> list[AssetPublic]:
        """Every asset of the collection in its order, page after page."""
        path = f"/v1/collections/{quote(collection_id, safe='')}/assets"
        assets: list[AssetPublic] = []
        cursor: str | None = None
        while True:
            query = {"limit": "100"} | ({"cursor": cursor} if cursor else {})
            page = await self.call("GET", path, AssetSearchPage, tenant_id=tenant_id, params=query)
            assets += page.items
            cursor = page.next
            if cursor is None:
                return assets

    async def record_export(self, tenant_id: str, export: ExportCreate) -> ExportPublic:
        """Remember an archive that was sent (and count its assets' usage)."""
        return await self.call(
            "POST", "/v1/exports", ExportPublic, tenant_id=tenant_id, json=export.model_dump()
        )
