"""Brand kits: each tenant's colours, preferred style, banned words, logo and fonts, stored by the
gateway and copied onto the jobs that name them (a later edit does not change a job already
submitted)."""

from typing import Any

from pydantic import Field
from pymongo import ReturnDocument

from contracts.brand import BrandKit, BrandKitSpec
from contracts.http.errors import FieldError
from contracts.http.providers import BrandKitPublic
from services.gateway.clients.library import LibraryClient
from shared.database import Database, Index, from_ms, now_ms
from shared.errors import PermanentError
from shared.ids import new_id
from shared.pages import fetch_page

COLLECTION = "brand_kits"
INDEXES = {COLLECTION: [Index([("tenant_id", 1), ("created_at_ms", -1)])]}


class BrandKitRecord(BrandKit):
    id: str = Field(alias="_id")
    tenant_id: str
    created_at_ms: int
    updated_at_ms: int

    def kit(self) -> BrandKit:
        return BrandKit.model_validate(self.model_dump(include=set(BrandKit.model_fields)))

    def public(self) -> BrandKitPublic:
        return BrandKitPublic(
            **self.kit().model_dump(),
            created_at=from_ms(self.created_at_ms),
            updated_at=from_ms(self.updated_at_ms),
        )


async def check_assets(library: LibraryClient, tenant_id: str, spec: BrandKitSpec) -> None:
    """422 unless the logo is an image asset of the tenant and each font a font asset."""
    named = [("logo_asset_id", spec.logo_asset_id, "image")] if spec.logo_asset_id else []
    named += [(f"fonts.{i}", font, "font") for i, font in enumerate(spec.fonts)]
    for loc, asset_id, media in named:
        stored = await library.stored(tenant_id, asset_id)
        if stored is None:
            problem = FieldError(loc=f"body.{loc}", message="no such asset", type="not_found")
            raise PermanentError("invalid_params", f"no asset {asset_id}", [problem])
        if not stored.content_type.startswith(f"{media}/"):
            why = f"asset {asset_id} is {stored.content_type}, not {media}"
            problem = FieldError(loc=f"body.{loc}", message=f"not {media}", type="media_type")
            raise PermanentError("invalid_params", why, [problem])


class BrandKits:
    def __init__(self, db: Database) -> None:
        self._kits = db[COLLECTION]

    async def create(self, tenant_id: str, spec: BrandKitSpec) -> BrandKitRecord:
        now = now_ms()
        record = BrandKitRecord(
            **spec.model_dump(),
            _id=new_id("bk"),
            tenant_id=tenant_id,
            created_at_ms=now,
            updated_at_ms=now,
        )
        await self._kits.insert_one(record.model_dump(by_alias=True))
        return record

    async def find(self, tenant_id: str, kit_id: str) -> BrandKit | None:
        doc = await self._kits.find_one({"_id": kit_id, "tenant_id": tenant_id})
        return BrandKitRecord.model_validate(doc).kit() if doc else None

    async def get(self, tenant_id: str, kit_id: str) -> BrandKitRecord:
        doc = await self._kits.find_one({"_id": kit_id, "tenant_id": tenant_id})
        if doc is None:
            raise PermanentError("not_found", f"no brand kit {kit_id}")
        return BrandKitRecord.model_validate(doc)

    async def replace(self, tenant_id: str, kit_id: str, spec: BrandKitSpec) -> BrandKitRecord:
        change: dict[str, Any] = spec.model_dump() | {"updated_at_ms": now_ms()}
        doc = await self._kits.find_one_and_update(
            {"_id": kit_id, "tenant_id": tenant_id},
            {"$set": change},
            return_document=ReturnDocument.AFTER,
        )
        if doc is None:
            raise PermanentError("not_found", f"no brand kit {kit_id}")
        return BrandKitRecord.model_validate(doc)

    async def delete(self, tenant_id: str, kit_id: str) -> None:
        result = await self._kits.delete_one({"_id": kit_id, "tenant_id": tenant_id})
        if result.deleted_count == 0:
            raise PermanentError("not_found", f"no brand kit {kit_id}")

    async def page(
        self, tenant_id: str, *, cursor: str | None, limit: int
    ) -> tuple[list[BrandKitRecord], str | None]:
        docs, next_cursor = await fetch_page(self._kits, {"tenant_id": tenant_id}, cursor, limit)
        return [BrandKitRecord.model_validate(doc) for doc in docs], next_cursor
