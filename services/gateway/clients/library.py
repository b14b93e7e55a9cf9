"""The library's internal API, as the gateway calls it."""

import logging
from urllib.parse import quote

from contracts.http.assets import AssetPublic, AssetsPublic, StoredAsset, UploadCreate
from services.gateway.clients.internal import InternalService
from shared.errors import PermanentError, StudioError

log = logging.getLogger(__name__)


class LibraryClient(InternalService):
    def __init__(self, base_url: str, token: str) -> None:
        super().__init__("library", base_url, token)

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
