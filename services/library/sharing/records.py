"""Share documents: which asset or collection a token opens, on what terms, and how often it
was opened. A revoked share is deleted: its token opens nothing from then on."""

from typing import Literal

from pydantic import BaseModel, Field

from contracts.http.shares import ShareLinks, SharePublic
from services.library.sharing.access import PasswordHash
from shared.database import Database, Index, from_ms
from shared.errors import PermanentError, RateLimitedError
from shared.pages import fetch_page

COLLECTION = "shares"
INDEXES = {
    COLLECTION: [
        Index([("token_hash", 1)], unique=True),
        Index([("tenant_id", 1), ("created_at_ms", -1)]),
    ]
}
UNLOCK_TRIES = 10
UNLOCK_WINDOW_MS = 300_000
Counted = Literal["views", "downloads"]


class ShareRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    token_hash: str
    token_prefix: str
    asset_id: str | None = None
    collection_id: str | None = None
    expires_at_ms: int | None = None
    password: PasswordHash | None = None
    allow_download: bool = True
    views: int = 0
    downloads: int = 0
    created_at_ms: int
    failed_unlocks: int = Field(default=0, description="Wrong passwords since `unlock_window_ms`.")
    unlock_window_ms: int = 0

    def expired(self, at_ms: int) -> bool:
        return self.expires_at_ms is not None and self.expires_at_ms <= at_ms

    def refuse_unlocks(self, at_ms: int) -> None:
        """429 once the link had too many wrong passwords lately."""
        window_end = self.unlock_window_ms + UNLOCK_WINDOW_MS
        if self.failed_unlocks >= UNLOCK_TRIES and window_end > at_ms:
            raise RateLimitedError((window_end - at_ms) / 1000)

    def public(self) -> SharePublic:
        return SharePublic(
            id=self.id,
            target="asset" if self.asset_id else "collection",
            asset_id=self.asset_id,
            collection_id=self.collection_id,
            token_prefix=self.token_prefix,
            expires_at=None if self.expires_at_ms is None else from_ms(self.expires_at_ms),
            has_password=self.password is not None,
            allow_download=self.allow_download,
            views=self.views,
            downloads=self.downloads,
            created_at=from_ms(self.created_at_ms),
            links=ShareLinks(self=f"/v1/shares/{self.id}"),
        )


class Shares:
    def __init__(self, db: Database) -> None:
        self._shares = db[COLLECTION]

    async def insert(self, record: ShareRecord) -> None:
        await self._shares.insert_one(record.model_dump(by_alias=True))

    async def get(self, tenant_id: str, share_id: str) -> ShareRecord:
        doc = await self._shares.find_one({"_id": share_id, "tenant_id": tenant_id})
        if doc is None:
            raise PermanentError("not_found", f"no share {share_id}")
        return ShareRecord.model_validate(doc)

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[ShareRecord], str | None]:
        docs, following = await fetch_page(self._shares, {"tenant_id": tenant_id}, cursor, limit)
        return [ShareRecord.model_validate(doc) for doc in docs], following

    async def revoke(self, tenant_id: str, share_id: str) -> None:
        done = await self._shares.delete_one({"_id": share_id, "tenant_id": tenant_id})
        if done.deleted_count == 0:
            raise PermanentError("not_found", f"no share {share_id}")

    async def of_token(self, digest: str) -> ShareRecord:
        """The share a token (by its hash) opens: 404 for an unknown or revoked one."""
        doc = await self._shares.find_one({"token_hash": digest})
        if doc is None:
            raise PermanentError("not_found", "no such share link (or it was revoked)")
        return ShareRecord.model_validate(doc)

    async def count(self, share_id: str, counted: Counted) -> None:
        await self._shares.update_one({"_id": share_id}, {"$inc": {counted: 1}})

    async def failed_unlock(self, share: ShareRecord, at_ms: int) -> None:
        if share.unlock_window_ms + UNLOCK_WINDOW_MS <= at_ms:
            update = {"$set": {"failed_unlocks": 1, "unlock_window_ms": at_ms}}
        else:
            update = {"$inc": {"failed_unlocks": 1}}
        await self._shares.update_one({"_id": share.id}, update)
