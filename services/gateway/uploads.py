"""Uploads: a tenant's own image (sent, or fetched from a URL) becomes an asset after it is
checked by content; its location is removed before it is stored."""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from contracts.http.assets import AssetPublic, UploadCreate
from contracts.http.uploads import UploadFromUrl
from services.gateway.fetch import UrlFetcher
from services.gateway.library import LibraryClient
from shared.cpu import CpuPool
from shared.ids import new_id
from shared.images import ImageLimits
from shared.ingest import prepare_upload
from shared.objects import ObjectStore, object_key


@dataclass
class Uploads:
    store: ObjectStore
    library: LibraryClient
    cpu: CpuPool
    limits: ImageLimits
    fetcher: UrlFetcher

    async def upload(self, tenant_id: str, data: bytes, filename: str | None) -> AssetPublic:
        """Check, store and record an image; nothing is stored when the check refuses it."""
        data, image = await self.cpu.run(prepare_upload, data, self.limits)
        asset_id = new_id("ast")
        today = datetime.now(UTC)
        key = object_key(tenant_id, today.year, today.month, asset_id, image.format)
        await self.store.put(key, data, image.content_type, {"sha256": image.sha256})
        upload = UploadCreate(**image.model_dump(), id=asset_id, object_key=key, filename=filename)
        return await self.library.record_upload(tenant_id, upload)

    async def upload_from_url(self, tenant_id: str, body: UploadFromUrl) -> AssetPublic:
        """Fetch an image (within the fetcher's limits), then upload it like a sent file."""
        url = str(body.url)
        data = await self.fetcher.fetch(url)
        return await self.upload(tenant_id, data, body.filename or last_segment(url))


def last_segment(url: str) -> str | None:
    """The URL's last path segment, decoded (None when the path ends with `/`)."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or None
