"""The library's internal API, as the gateway calls it."""

import asyncio
import logging
import time

from contracts.http.assets import AssetPublic, AssetsPublic, UploadCreate
from services.gateway.internal import InternalService
from shared.errors import StudioError

log = logging.getLogger(__name__)


class LibraryClient(InternalService):
    def __init__(self, base_url: str, token: str) -> None:
        super().__init__("library", base_url, token)

    async def record_upload(self, tenant_id: str, upload: UploadCreate) -> AssetPublic:
        return await self.call(
            "POST", "/v1/assets", AssetPublic, tenant_id=tenant_id, json=upload.model_dump()
        )

    async def wait_for_assets(self, tenant_id: str, job_id: str, count: int, wait_s: float) -> bool:
        """Wait until the library lists `count` assets of the job; False when it took too long."""
        deadline = time.monotonic() + wait_s
        pause = 0.02
        query = {"job_id": job_id, "limit": "100"}
        while True:
            try:
                page = await self.call(
                    "GET", "/v1/assets", AssetsPublic, tenant_id=tenant_id, params=query
                )
                if len(page.items) >= count:
                    return True
            except StudioError as exc:
                log.warning("library not answering yet: %s", exc)
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.5)
