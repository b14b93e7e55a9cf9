"""Uploads: a tenant's own image (sent, or fetched from a URL) becomes an asset after it is
checked by content; its location is removed before it is stored."""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from contracts.catalog.fonts import FONT_MAX_BYTES
from contracts.http.assets import AssetPublic, UploadCreate
from contracts.http.uploads import UploadFromUrl
from contracts.media import StoredMedia
from contracts.params.transform import AUDIO_LIMITS, AUDIO_MAX_BYTES, AudioPurpose
from services.gateway.assets.fetch import UrlFetcher
from services.gateway.clients.library import LibraryClient
from shared.audio import check_duration, inspect_audio, sniff_audio
from shared.cpu import CpuPool
from shared.fonts import font_media
from shared.ids import new_id
from shared.images import ImageLimits
from shared.ingest import prepare_upload
from shared.objects import ObjectStore, object_key

UNSAFE_IN_NAMES = frozenset('"<>|:*?;')
MAX_FILENAME = 255


@dataclass
class Uploads:
    store: ObjectStore
    library: LibraryClient
    cpu: CpuPool
    limits: ImageLimits
    fetcher: UrlFetcher

    async def upload(
        self,
        tenant_id: str,
        data: bytes,
        filename: str | None,
        purpose: AudioPurpose | None = None,
    ) -> AssetPublic:
        """Check, store and record an image or an audio file (its duration checked against
        `purpose`); nothing is stored when the check refuses it."""
        if sniff_audio(data) is not None:
            max_bytes = min(AUDIO_MAX_BYTES, self.limits.max_bytes)
            media = await self.cpu.run(audio_media, data, purpose, max_bytes)
        else:
            data, media = await self.cpu.run(prepare_upload, data, self.limits)
        return await self._record(tenant_id, data, media, filename)

    async def upload_font(self, tenant_id: str, data: bytes, filename: str | None) -> AssetPublic:
        """Check (`invalid_font`), store and record a TrueType or OpenType font."""
        max_bytes = min(FONT_MAX_BYTES, self.limits.max_bytes)
        media = await self.cpu.run(font_media, data, max_bytes)
        return await self._record(tenant_id, data, media, filename)

    async def _record(
        self, tenant_id: str, data: bytes, media: StoredMedia, filename: str | None
    ) -> AssetPublic:
        asset_id = new_id("ast")
        today = datetime.now(UTC)
        key = object_key(tenant_id, today.year, today.month, asset_id, media.format)
        await self.store.put(key, data, media.content_type, {"sha256": media.sha256})
        named = safe_filename(filename)
        upload = UploadCreate(**media.model_dump(), id=asset_id, object_key=key, filename=named)
        return await self.library.record_upload(tenant_id, upload)

    async def upload_from_url(self, tenant_id: str, body: UploadFromUrl) -> AssetPublic:
        """Fetch an image (within the fetcher's limits), then upload it like a sent file."""
        url = str(body.url)
        data = await self.fetcher.fetch(url)
        return await self.upload(tenant_id, data, body.filename or last_segment(url))


def safe_filename(name: str | None) -> str | None:
    """The last segment of a client's file name, without control or quoting characters and
    at most 255 characters long (it names files in archives and `Content-Disposition`): so
    `../../../etc/x.png` is `x.png`. None when nothing is left."""
    if name is None:
        return None
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in last if c.isprintable() and c not in UNSAFE_IN_NAMES).strip()
    kept = kept.lstrip(".")  # no hidden files, no `..`
    return kept[-MAX_FILENAME:] or None


def audio_media(data: bytes, purpose: AudioPurpose | None, max_bytes: int) -> StoredMedia:
    """A WAV or MP3 checked by decoding, within the limits of its purpose (any audio the
    transforms take, without one), described (CPU work)."""
    info = inspect_audio(data, max_bytes)
    low, high = AUDIO_LIMITS[purpose or "avatar"]
    check_duration(info, low, high, f"{purpose} audio" if purpose else "audio")
    return StoredMedia(
        content_type=info.content_type,
        format=info.format,
        bytes=info.bytes,
        sha256=info.sha256,
        duration_s=round(info.duration_s, 3),
        codec=info.format,
    )


def last_segment(url: str) -> str | None:
    """The URL's last path segment, decoded (None when the path ends with `/`)."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or None
