"""What a share link shows of an asset: the public-safe fields and public content links, never
the tenant, the object key or anything else of the library."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from contracts.http.assets import AssetPublic
from contracts.http.shares import SharedAsset, SharedLinks, SharedRendition


@dataclass(frozen=True)
class Link:
    """How one link's public paths are written (with its access grant, when it has a
    password)."""

    token: str
    access: str | None
    allow_download: bool

    @property
    def path(self) -> str:
        return f"/v1/shared/{quote(self.token, safe='')}"

    def content(self, asset_id: str, *, download: bool = False) -> str:
        query = {"access": self.access} if self.access else {}
        query |= {"download": "true"} if download else {}
        path = f"{self.path}/assets/{quote(asset_id, safe='')}/content"
        return f"{path}?{urlencode(query)}" if query else path

    def links(self, asset_id: str) -> SharedLinks:
        download = self.content(asset_id, download=True) if self.allow_download else None
        return SharedLinks(content=self.content(asset_id), download=download)


def shared_asset(
    asset: AssetPublic, link: Link, renditions: list[AssetPublic] | None = None
) -> SharedAsset:
    return SharedAsset(
        id=asset.id,
        format=asset.format,
        content_type=asset.content_type,
        width=asset.width,
        height=asset.height,
        bytes=asset.bytes,
        title=asset.title,
        description=asset.description,
        created_at=asset.created_at,
        links=link.links(asset.id),
        renditions=[shared_rendition(r, link) for r in renditions or []],
    )


def shared_rendition(asset: AssetPublic, link: Link) -> SharedRendition:
    return SharedRendition(
        id=asset.id,
        preset=asset.preset,
        platform=asset.platform,
        format=asset.format,
        width=asset.width,
        height=asset.height,
        bytes=asset.bytes,
        links=link.links(asset.id),
    )
