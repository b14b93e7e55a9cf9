"""Share links end to end: made by a tenant, opened by anyone holding the token. Every public
answer goes through `opened` (unknown or revoked: 404, expired: 410, password: a grant), and
each view and content fetch is counted on the link and recorded as the asset's usage."""

from dataclasses import dataclass

from contracts.http.assets import AssetFilters, AssetPublic
from contracts.http.errors import FieldError
from contracts.http.search import AssetSearch
from contracts.http.shares import (
    ShareAccess,
    ShareCreate,
    ShareCreated,
    SharedCollection,
    SharedView,
)
from contracts.http.usage import UsageRendition
from services.library.assets.records import AssetRecord, Assets
from services.library.catalog import query
from services.library.catalog.catalog import Catalog
from services.library.collections.records import Collections
from services.library.sharing import access
from services.library.sharing.embed import embed_snippet
from services.library.sharing.records import ShareRecord, Shares
from services.library.sharing.views import Link, shared_asset
from services.library.usage.records import Usage, Use
from shared.database import from_ms, now_ms, to_ms
from shared.errors import PermanentError
from shared.ids import new_id
from shared.objects import ObjectStore

MAX_RENDITIONS = 100


@dataclass(frozen=True)
class Sharing:
    shares: Shares
    assets: Assets
    collections: Collections
    catalog: Catalog
    usage: Usage
    store: ObjectStore
    grants: access.Grants

    async def create(self, tenant_id: str, body: ShareCreate, base_url: str) -> ShareCreated:
        asset = await self._target(tenant_id, body)
        token = access.new_token()
        record = ShareRecord(
            _id=new_id("shr"),
            tenant_id=tenant_id,
            token_hash=access.token_hash(token),
            token_prefix=token[: access.TOKEN_PREFIX_LENGTH],
            asset_id=body.asset_id,
            collection_id=body.collection_id,
            expires_at_ms=None if body.expires_at is None else to_ms(body.expires_at),
            password=None if body.password is None else await access.hash_password(body.password),
            allow_download=body.allow_download,
            created_at_ms=now_ms(),
        )
        await self.shares.insert(record)
        link = Link(token, None, record.allow_download)
        embed = None
        if asset is not None and record.password is None:
            renditions = await self._renditions(tenant_id, asset.id)
            embed = embed_snippet(asset, renditions, link, base_url)
        return ShareCreated(**record.public().model_dump(), token=token, url=link.path, embed=embed)

    async def view(
        self, token: str, grant: str | None, cursor: str | None, limit: int, base_url: str
    ) -> SharedView:
        share = await self._opened(token, grant)
        link = Link(token, grant if share.password else None, share.allow_download)
        if share.asset_id is not None:
            view = await self._asset_view(share, link, base_url)
            use = Use(share.asset_id, "share_view", _actor(share))
            await self.usage.record(share.tenant_id, [use])
        else:
            view = await self._collection_view(share, link, cursor, limit)
        if not cursor:
            await self.shares.count(share.id, "views")
        return view

    async def unlock(self, token: str, password: str) -> ShareAccess:
        share = await self._live(token)
        at = now_ms()
        share.refuse_unlocks(at)
        if share.password is not None and not await access.password_matches(
            share.password, password
        ):
            await self.shares.failed_unlock(share, at)
            raise PermanentError("share_password_wrong", "that is not the link's password")
        grant, expires_ms = self.grants.issue(share.id, at)
        return ShareAccess(access=grant, expires_at=from_ms(expires_ms))

    async def content(
        self, token: str, asset_id: str, grant: str | None, download: bool
    ) -> tuple[bytes, AssetRecord]:
        """The bytes of a shared asset (or of a rendition of the shared asset), counted."""
        share = await self._opened(token, grant)
        if download and not share.allow_download:
            raise PermanentError("share_download_not_allowed", "this link is view only")
        fetched, shared_id = await self._shared(share, asset_id)
        data = await self.store.get(fetched.object_key)
        rendition = UsageRendition(asset_id=fetched.id, preset=fetched.preset)
        use = Use(shared_id, "share_download", _actor(share), rendition)
        await self.usage.record(share.tenant_id, [use])
        await self.shares.count(share.id, "downloads")
        return data, fetched

    async def _live(self, token: str) -> ShareRecord:
        share = await self.shares.of_token(access.token_hash(token))
        if share.expired(now_ms()):
            raise PermanentError("share_expired", "this share link has expired")
        return share

    async def _opened(self, token: str, grant: str | None) -> ShareRecord:
        share = await self._live(token)
        if share.password is None:
            return share
        if not grant:
            raise PermanentError(
                "share_password_required",
                "this link has a password: POST it to /unlock and pass `?access=`",
            )
        if not self.grants.valid(share.id, grant, now_ms()):
            raise PermanentError(
                "share_password_required", "the access grant is not valid any more; unlock again"
            )
        return share

    async def _target(self, tenant_id: str, body: ShareCreate) -> AssetPublic | None:
        """The asset shared (None for a collection), after checking the target exists."""
        if (body.asset_id is None) == (body.collection_id is None):
            raise _invalid("asset_id", "give exactly one of asset_id and collection_id")
        if body.expires_at is not None and to_ms(body.expires_at) <= now_ms():
            raise _invalid("expires_at", "the expiry is in the past")
        if body.collection_id is not None:
            try:
                await self.collections.get(tenant_id, body.collection_id)
            except PermanentError as exc:
                raise _invalid("collection_id", f"no collection {body.collection_id}") from exc
            return None
        assert body.asset_id is not None
        try:
            return (await self.assets.get(tenant_id, body.asset_id)).public()
        except PermanentError as exc:
            raise _invalid("asset_id", f"no asset {body.asset_id}") from exc

    async def _renditions(self, tenant_id: str, asset_id: str) -> list[AssetPublic]:
        """The asset's platform formats (optimizer outputs made from it)."""
        wanted = AssetFilters(source_asset_id=asset_id, role="output")
        records, _ = await self.assets.page(tenant_id, limit=MAX_RENDITIONS, filters=wanted)
        return [record.public() for record in records]

    async def _asset_view(self, share: ShareRecord, link: Link, base_url: str) -> SharedView:
        assert share.asset_id is not None
        asset = (await self._present(share, share.asset_id)).public()
        renditions = await self._renditions(share.tenant_id, asset.id)
        embed = None if share.password else embed_snippet(asset, renditions, link, base_url)
        return SharedView(
            target="asset",
            allow_download=share.allow_download,
            expires_at=share.public().expires_at,
            asset=shared_asset(asset, link, renditions),
            embed=embed,
        )

    async def _collection_view(
        self, share: ShareRecord, link: Link, cursor: str | None, limit: int
    ) -> SharedView:
        assert share.collection_id is not None
        try:
            collection = await self.collections.get(share.tenant_id, share.collection_id)
        except PermanentError as exc:
            raise _gone() from exc
        wanted = AssetSearch(collection_id=collection.id, sort="position")
        hits = query.search(
            await self.catalog.columns(share.tenant_id), wanted, cursor, limit, None
        )
        records = await self.assets.many(share.tenant_id, hits.ids)
        items = [shared_asset(records[i].public(), link) for i in hits.ids if i in records]
        shown = SharedCollection(
            name=collection.name, description=collection.description, items=items, next=hits.next
        )
        return SharedView(
            target="collection",
            allow_download=share.allow_download,
            expires_at=share.public().expires_at,
            collection=shown,
        )

    async def _shared(self, share: ShareRecord, asset_id: str) -> tuple[AssetRecord, str]:
        """The asset asked for, if the link shares it, and the shared asset it belongs to
        (itself, or the source of a rendition); 404 otherwise."""
        fetched = await self._present(share, asset_id)
        if _covers(share, fetched):
            return fetched, fetched.id
        source_id = fetched.source_asset_id
        if share.asset_id is not None and source_id == share.asset_id and fetched.role == "output":
            await self._present(share, source_id)
            return fetched, source_id
        raise _gone()

    async def _present(self, share: ShareRecord, asset_id: str) -> AssetRecord:
        """The tenant's asset, not in the trash; 404 (as for any link) otherwise."""
        try:
            return await self.assets.get(share.tenant_id, asset_id)
        except PermanentError as exc:
            raise _gone() from exc


def _covers(share: ShareRecord, asset: AssetRecord) -> bool:
    if share.asset_id is not None:
        return asset.id == share.asset_id
    return share.collection_id in asset.collections


def _actor(share: ShareRecord) -> str:
    return f"share:{share.id}"


def _gone() -> PermanentError:
    return PermanentError("not_found", "no such shared asset")


def _invalid(field: str, message: str) -> PermanentError:
    detail = FieldError(loc=field, message=message, type="invalid")
    return PermanentError("invalid_request", message, [detail])
