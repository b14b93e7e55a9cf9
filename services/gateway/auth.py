"""Tenants and their API keys. Keys are shown once and stored as SHA-256 hashes."""

import hashlib
import secrets
import time

from pydantic import BaseModel, Field

from shared.database import Database, Index, now_ms
from shared.errors import PermanentError
from shared.ids import new_id

TENANTS = "tenants"
API_KEYS = "api_keys"
INDEXES = {API_KEYS: [Index([("tenant_id", 1)])]}
KEY_PREFIX = "isk_"


class TenantRecord(BaseModel):
    id: str = Field(alias="_id")
    name: str
    created_at_ms: int


class ApiKeyRecord(BaseModel):
    hash: str = Field(alias="_id")
    tenant_id: str
    prefix: str = Field(description="The key's first characters, to recognise it in lists.")
    created_at_ms: int
    revoked: bool = False


def hash_key(key: str) -> str:
    """Keys are 240-bit random tokens, so a plain SHA-256 is a safe, fast lookup hash."""
    return hashlib.sha256(key.encode()).hexdigest()


class Keys:
    """Tenants, key issue and key checks (with a short in-process cache)."""

    def __init__(self, db: Database, cache_ttl_s: float) -> None:
        self._tenants = db[TENANTS]
        self._keys = db[API_KEYS]
        self._ttl = cache_ttl_s
        self._cache: dict[str, tuple[str, float]] = {}

    async def create_tenant(self, name: str) -> TenantRecord:
        tenant = TenantRecord(_id=new_id("ten"), name=name, created_at_ms=now_ms())
        await self._tenants.insert_one(tenant.model_dump(by_alias=True))
        return tenant

    async def issue(self, tenant_id: str) -> str:
        """A new key for the tenant; the only time the key itself is seen."""
        key = KEY_PREFIX + secrets.token_urlsafe(30)
        record = ApiKeyRecord(
            _id=hash_key(key), tenant_id=tenant_id, prefix=key[:12], created_at_ms=now_ms()
        )
        await self._keys.insert_one(record.model_dump(by_alias=True))
        return key

    async def tenant_of(self, key: str) -> str:
        """The tenant a valid key belongs to; `unauthorized` otherwise."""
        digest = hash_key(key)
        cached = self._cache.get(digest)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        doc = await self._keys.find_one({"_id": digest})
        record = ApiKeyRecord.model_validate(doc) if doc else None
        if record is None or record.revoked:
            raise PermanentError("unauthorized", "missing, unknown or revoked API key")
        self._cache[digest] = (record.tenant_id, time.monotonic() + self._ttl)
        return record.tenant_id
