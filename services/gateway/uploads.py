"""Uploads: a tenant's own image becomes an asset after it is checked by content."""

from dataclasses import dataclass
from datetime import UTC, datetime

from contracts.http.assets import AssetPublic, UploadCreate
from services.gateway.library import LibraryClient
from shared.cpu import CpuPool
from shared.ids import new_id
from shared.images import ImageLimits, describe
from shared.objects import ObjectStore, object_key


@dataclass
class Uploads:
    store: ObjectStore
    library: LibraryClient
    cpu: CpuPool
    limits: ImageLimits

    async def upload(self, tenant_id: str, data: bytes, filename: str | None) -> AssetPublic:
        """Check, store and record an image; nothing is stored when the check refuses it."""
        image = await self.cpu.run(describe, data, self.limits)
        asset_id = new_id("ast")
        today = datetime.now(UTC)
        key = object_key(tenant_id, today.year, today.month, asset_id, image.format)
        await self.store.put(key, data, image.content_type, {"sha256": image.sha256})
        upload = UploadCreate(**image.model_dump(), id=asset_id, object_key=key, filename=filename)
        return await self.library.record_upload(tenant_id, upload)
