"""The library's internal API, as the gateway calls it (forwarding and upload records)."""

import asyncio
import logging
import time
from collections.abc import Mapping

import httpx

from contracts.http.assets import AssetPublic, UploadCreate
from shared.errors import RetryableError

log = logging.getLogger(__name__)
FORWARDED_HEADERS = ("content-type", "cache-control")


class LibraryClient:
    """Calls the library with the service token, naming the tenant each call is for."""

    def __init__(self, base_url: str, internal_token: str, timeout_s: float = 10.0) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {internal_token}"},
            timeout=timeout_s,
        )

    async def close(self) -> None:
        await self._http.aclose()

    async def forward(
        self, tenant_id: str, path: str, params: Mapping[str, str] | None = None
    ) -> httpx.Response:
        """GET a library path for the tenant; the answer is passed on as it came."""
        return await self._get(tenant_id, path, params)

    async def record_upload(self, tenant_id: str, upload: UploadCreate) -> AssetPublic:
        try:
            response = await self._http.post(
                "/v1/assets", json=upload.model_dump(), headers=_tenant(tenant_id)
            )
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise RetryableError("library_unavailable", f"library did not record: {exc}") from exc
        return AssetPublic.model_validate_json(response.content)

    async def wait_for_assets(self, tenant_id: str, job_id: str, count: int, wait_s: float) -> bool:
        """Wait until the library lists `count` assets of the job; False when it took too long."""
        deadline = time.monotonic() + wait_s
        pause = 0.02
        while True:
            try:
                response = await self._get(
                    tenant_id, "/v1/assets", {"job_id": job_id, "limit": "100"}
                )
                if response.status_code == 200 and len(response.json()["items"]) >= count:
                    return True
            except RetryableError as exc:
                log.warning("library not reachable yet: %s", exc)
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.5)

    async def _get(
        self, tenant_id: str, path: str, params: Mapping[str, str] | None
    ) -> httpx.Response:
        try:
            return await self._http.get(path, params=params, headers=_tenant(tenant_id))
        except httpx.HTTPError as exc:
            raise RetryableError("library_unavailable", f"library unreachable: {exc}") from exc


def _tenant(tenant_id: str) -> dict[str, str]:
    return {"X-Studio-Tenant": tenant_id}
