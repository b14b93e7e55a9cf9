"""A finished job's or batch's outputs, or a collection, as one zip, streamed as it is written:
every file, then a manifest (`manifest.json` and `manifest.csv`: job, platform, format, size,
bytes, SSIM) of what is in it and of what could not be made. Each archive sent is recorded in the
tenant's export history (its assets' usage too)."""

import csv
import io
import json
import logging
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi.responses import StreamingResponse

from contracts.http.assets import AssetPublic
from contracts.http.collections import CollectionPublic
from contracts.http.usage import ExportCreate, ExportKind, UsageRendition
from contracts.jobs import JobStatus
from services.gateway.clients.library import LibraryClient
from services.gateway.jobs.records import JobRecord
from shared.errors import PermanentError, StudioError
from shared.objects import ObjectStore

log = logging.getLogger(__name__)
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}
ZIP_ANSWER = {"content": {"application/zip": {}}, "description": "Every output and a manifest."}
MANIFEST_COLUMNS = [
    "file",
    "job_id",
    "asset_id",
    "role",
    "platform",
    "preset",
    "variant",
    "format",
    "width",
    "height",
    "bytes",
    "ssim",
    "quality",
    "sha256",
]


class _Sink(io.RawIOBase):
    """A write-only stream that hands over what was written so far (zipfile writes data
    descriptors when it cannot seek, so nothing needs rewinding)."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._chunks.append(bytes(data))
        self.written += len(data)
        return len(data)

    def drain(self) -> bytes:
        chunk, self._chunks = b"".join(self._chunks), []
        return chunk


@dataclass(frozen=True)
class Export:
    """What an archive is of, and who asked for it."""

    kind: ExportKind
    of: str
    actor: str


@dataclass
class Archives:
    library: LibraryClient
    store: ObjectStore

    async def assets_of(self, tenant_id: str, job: JobRecord) -> list[AssetPublic]:
        """The completed job's assets, or a 409 while it has none to give."""
        if job.status is not JobStatus.COMPLETED:
            raise PermanentError(
                "job_not_completed", f"the job is {job.status.value}; its archive comes once done"
            )
        return await self.library.all_assets(tenant_id, job_id=job.id)

    async def stream(
        self,
        tenant_id: str,
        assets: list[AssetPublic],
        about: dict[str, Any],
        failures: list[dict[str, Any]],
        export: Export,
        *,
        by_job: bool = False,
        ordered: bool = False,
    ) -> AsyncIterator[bytes]:
        """The zip, one file at a time (in a folder per job with `by_job`; numbered in order
        with `ordered`), then the manifests: `about` heads the JSON one, with the files and
        `failures`. Recorded as `export` once written to its end."""
        sink = _Sink()
        archive = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED)  # images: compressed
        rows = []
        try:
            for position, asset in enumerate(assets, start=1):
                stored = await self.library.stored(tenant_id, asset.id)
                if stored is None:
                    continue
                name = _entry_name(asset, position, by_job=by_job, ordered=ordered)
                archive.writestr(_entry(name), await self.store.get(stored.object_key))
                rows.append(_row(name, asset))
                yield sink.drain()
            manifest = about | {"files": rows, "failures": failures}
            archive.writestr(_entry("manifest.json"), json.dumps(manifest, indent=2))
            archive.writestr(_entry("manifest.csv"), _manifest_csv(rows))
        finally:
            archive.close()
        last = sink.drain()
        await self._record(tenant_id, export, rows, sink.written)
        yield last

    async def _record(
        self, tenant_id: str, export: Export, rows: list[dict[str, Any]], size: int
    ) -> None:
        """Note the archive in the export history (an archive already sent is not failed for
        a history the library could not write)."""
        included = [UsageRendition(asset_id=row["asset_id"], preset=row["preset"]) for row in rows]
        record = ExportCreate(
            kind=export.kind, of=export.of, assets=included, bytes=size, actor=export.actor
        )
        try:
            await self.library.record_export(tenant_id, record)
        except StudioError as exc:
            log.warning("archive %s of %s not recorded: %s", export.kind, export.of, exc)


def zip_response(chunks: AsyncIterator[bytes], name: str) -> StreamingResponse:
    """A zip streamed as `name`.zip."""
    disposition = f'attachment; filename="{name}.zip"'
    return StreamingResponse(
        chunks, media_type="application/zip", headers={"Content-Disposition": disposition}
    )


def collection_about(collection: CollectionPublic) -> dict[str, Any]:
    """The manifest head of a collection's archive."""
    return {"collection_id": collection.id, "name": collection.name}


def job_about(job: JobRecord) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The manifest head of a job's archive, and the outputs it could not make."""
    about = {"job_id": job.id, "kind": job.kind, "source_asset_id": job.params.get("asset_id")}
    return about, [failure.model_dump() for failure in job.failures]


def _entry_name(asset: AssetPublic, position: int, *, by_job: bool, ordered: bool) -> str:
    if ordered:
        return f"{position:04d}-{asset.id}.{EXTENSIONS.get(asset.format, asset.format)}"
    name = _file_name(asset)
    return f"{asset.job_id}/{name}" if by_job else name


def _file_name(asset: AssetPublic) -> str:
    ext = EXTENSIONS.get(asset.format, asset.format)
    if asset.preset is None:
        return f"{asset.id}.{ext}"
    variant = f"-v{asset.variation + 1}" if asset.variation else ""
    folder = "previews/" if asset.role == "safe_zone_preview" else ""
    return f"{folder}{asset.platform}/{asset.preset}{variant}.{ext}"


def _row(name: str, asset: AssetPublic) -> dict[str, Any]:
    report = asset.report
    return {
        "file": name,
        "job_id": asset.job_id,
        "asset_id": asset.id,
        "role": asset.role,
        "platform": asset.platform,
        "preset": asset.preset,
        "variant": asset.variation,
        "format": asset.format,
        "width": asset.width,
        "height": asset.height,
        "bytes": asset.bytes,
        "ssim": report.ssim if report else None,
        "quality": report.quality if report else None,
        "sha256": asset.sha256,
    }


def _manifest_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MANIFEST_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, datetime.now(UTC).timetuple()[:6])
    entry.compress_type = zipfile.ZIP_STORED
    return entry
