"""The per-tenant result cache: a `generate` request identical in kind, provider, model, every
parameter, brand kit and explicit seed reuses the earlier job's images (no provider call, no
charge). Only seeded requests are cached: without a seed every request asks for a new image."""

import hashlib
import json
from contextlib import suppress

from pydantic import BaseModel, Field
from pymongo.errors import DuplicateKeyError

from contracts.brand import BrandKit
from contracts.events import ProducedAsset
from contracts.params.generate import GenerateParams
from shared.database import Database, Index

COLLECTION = "generation_cache"
INDEXES: dict[str, list[Index]] = {COLLECTION: []}  # looked up by _id only


class CachedResult(BaseModel):
    key: str = Field(alias="_id")
    tenant_id: str
    job_id: str
    provider: str
    model: str
    prompt: str | None
    negative_prompt: str | None
    assets: list[ProducedAsset]
    created_at_ms: int


def cache_key(
    tenant_id: str, kind: str, params: GenerateParams, brand: BrandKit | None, enhancer: str
) -> str | None:
    """The request's cache key; None when it may not be cached."""
    if params.seed is None or not params.use_cache:
        return None
    material = {
        "kind": kind,
        "params": params.model_dump(mode="json", exclude={"use_cache"}),
        "brand": brand.model_dump(mode="json", exclude={"id"}) if brand else None,
        "enhancer": enhancer if params.enhance_prompt else None,
    }
    digest = hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
    return f"{tenant_id}:{digest}"


class ResultCache:
    def __init__(self, db: Database) -> None:
        self._results = db[COLLECTION]

    async def find(self, key: str) -> CachedResult | None:
        document = await self._results.find_one({"_id": key})
        return CachedResult.model_validate(document) if document else None

    async def remember(self, result: CachedResult) -> None:
        """Keep the first result of a key (a later identical job was served from it anyway)."""
        document = result.model_dump(mode="json", by_alias=True)
        with suppress(DuplicateKeyError):
            await self._results.insert_one(document)
