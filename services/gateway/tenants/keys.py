"""Tenants and their API keys, and the operators' admin keys. Keys are shown once and stored as
SHA-256 hashes."""

import hashlib
import secrets
import time
from dataclasses import dataclass

from pydantic import BaseModel, Field

from contracts.http.keys import ApiKeyCreated, ApiKeyPublic
from shared.database import Database, Index, from_ms, now_ms
from shared.errors import PermanentError
from shared.ids import new_id

TENANTS = "tenants"
API_KEYS = "api_keys"
INDEXES = {API_KEYS: [Index([("tenant_id", 1)])]}
KEY_PREFIX = "isk_"
ADMIN_KEY_PREFIX = "iak_"


class TenantRecord(BaseModel):
    id: str = Field(alias="_id")
    name: str
    created_at_ms: int


class ApiKeyRecord(BaseModel):
    hash: str = Field(alias="_id")
    tenant_id: str | None = Field(description="None for an admin key.")
    admin: bool = False
    prefix: str = Field(description="The key's first characters, to recognise it in lists.")
    name: str | None = Field(default=None, description="The tenant's name for it, if it made it.")
    created_at_ms: int
    revoked: bool = False

    def public(self) -> ApiKeyPublic:
        created_at = from_ms(self.created_at_ms)
        return ApiKeyPublic(
            prefix=self.prefix, name=self.name, created_at=created_at, revoked=self.revoked
        )

    def created(self, key: str) -> ApiKeyCreated:
        """The answer that made the key: the one time it is shown."""
        return ApiKeyCreated(**self.public().model_dump(), key=key)


@dataclass(frozen=True)
class Caller:
    """Who a key belongs to: a tenant, or an operator (admin)."""

    tenant_id: str | None
    admin: bool


def key_prefix(key: str) -> str:
    """The key's first characters: how lists, paths and usage records name it."""
    return key[:12]


def hash_key(key: str) -> str:
    """Keys are 240-bit random tokens, so a plain SHA-256 is a safe, fast lookup hash."""
    return hashlib.sha256(key.encode()).hexdigest()


class Keys:
    """Tenants, key issue, revocation and checks (with a short in-process cache)."""

    def __init__(self, db: Database, cache_ttl_s: float) -> None:
        self._tenants = db[TENANTS]
        self._keys = db[API_KEYS]
        self._ttl = cache_ttl_s
        self._cache: dict[str, tuple[Caller, float]] = {}

    async def create_tenant(self, name: str) -> TenantRecord:
        tenant = TenantRecord(_id=new_id("ten"), name=name, created_at_ms=now_ms())
        await self._tenants.insert_one(tenant.model_dump(by_alias=True))
        return tenant

    async def tenant(self, tenant_id: str) -> TenantRecord:
        doc = await self._tenants.find_one({"_id": tenant_id})
        if doc is None:
            raise PermanentError("not_found", f"no tenant {tenant_id}")
        return TenantRecord.model_validate(doc)

    async def issue(
        self, tenant_id: str | None, name: str | None = None
    ) -> tuple[str, ApiKeyRecord]:
        """A new key of the tenant (None: an admin key); the only time the key itself is seen."""
        key = (KEY_PREFIX if tenant_id else ADMIN_KEY_PREFIX) + secrets.token_urlsafe(30)
        record = ApiKeyRecord(
            _id=hash_key(key),
            tenant_id=tenant_id,
            admin=tenant_id is None,
            prefix=key_prefix(key),
            name=name,
            created_at_ms=now_ms(),
        )
        await self._keys.insert_one(record.model_dump(by_alias=True))
        return key, record

    async def of_tenant(self, tenant_id: str) -> list[ApiKeyRecord]:
        cursor = self._keys.find({"tenant_id": tenant_id}).sort("created_at_ms", 1)
        return [ApiKeyRecord.model_validate(doc) async for doc in cursor]

    async def revoke(self, tenant_id: str, prefix: str) -> None:
        """Refused from now on here, and within a recheck in every other process (`KeyWatch`);
        `not_found` unless the tenant has a key of that prefix."""
        done = await self._keys.update_one(
            {"tenant_id": tenant_id, "prefix": prefix}, {"$set": {"revoked": True}}
        )
        if done.matched_count == 0:
            raise PermanentError("not_found", f"no key {prefix} for tenant {tenant_id}")
        self._cache.clear()

    def cached(self) -> set[str]:
        """The hashes of the keys this process trusts without asking the database."""
        return set(self._cache)

    async def revoked_among(self, digests: set[str]) -> set[str]:
        """Which of these key hashes are revoked (or gone) now, read from the database in one
        query (whichever process revoked them); they also leave this process's cache."""
        cursor = self._keys.find({"_id": {"$in": sorted(digests)}})
        records = [ApiKeyRecord.model_validate(doc) async for doc in cursor]
        valid = {record.hash for record in records if not record.revoked}
        revoked = digests - valid
        for digest in revoked:
            self._cache.pop(digest, None)
        return revoked

    async def caller(self, key: str) -> Caller:
        """Whose key this is; `unauthorized` for an unknown or revoked one."""
        digest = hash_key(key)
        cached = self._cache.get(digest)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        doc = await self._keys.find_one({"_id": digest})
        record = ApiKeyRecord.model_validate(doc) if doc else None
        if record is None or record.revoked:
            raise PermanentError("unauthorized", "missing, unknown or revoked API key")
        caller = Caller(tenant_id=record.tenant_id, admin=record.admin)
        self._cache[digest] = (caller, time.monotonic() + self._ttl)
        return caller

    async def tenant_of(self, key: str) -> str:
        """The tenant a valid tenant key belongs to."""
        caller = await self.caller(key)
        if caller.tenant_id is None:
            raise PermanentError("forbidden", "an admin key acts on /v1/admin only")
        return caller.tenant_id
