"""The API's operations on jobs, batches, assets and uploads, each a function building its
`Call`: the one definition both clients send (`Studio` and `AsyncStudio` bind them as methods).
`studio.account_operations` has the rest (billing, brand kits, webhooks, the catalog)."""

import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from studio import models
from studio.calls import Call, body, content, location, model, query

Body = BaseModel | Mapping[str, Any]


def key(given: str | None) -> str:
    """The Idempotency-Key of one creating call: the caller's, or a new one."""
    return given or str(uuid.uuid4())


def create_job(spec: Body, *, idempotency_key: str | None = None) -> Call[models.JobPublic]:
    """Submit a job (`{"kind": ..., "params": {...}}` or a `models.JobCreate…` model)."""
    return Call(
        "POST",
        "/v1/jobs",
        model(models.JobPublic),
        json=body(spec),
        idempotency_key=key(idempotency_key),
    )


def get_job(job_id: str) -> Call[models.JobPublic]:
    return Call("GET", f"/v1/jobs/{job_id}", model(models.JobPublic))


def list_jobs(
    *, status: str | None = None, limit: int | None = None, cursor: str | None = None
) -> Call[models.JobsPublic]:
    """One page of jobs, newest first; pass the page's `next` back as `cursor`."""
    params = query(status=status, limit=limit, cursor=cursor)
    return Call("GET", "/v1/jobs", model(models.JobsPublic), params=params)


def cancel_job(job_id: str, *, idempotency_key: str | None = None) -> Call[models.JobPublic]:
    """Cancel a job that has not started (409 `job_started` once a worker has it)."""
    return Call(
        "POST",
        f"/v1/jobs/{job_id}/cancel",
        model(models.JobPublic),
        idempotency_key=key(idempotency_key),
    )


def job_archive(job_id: str) -> Call[bytes]:
    """A completed job's outputs and manifest as one ZIP."""
    return Call("GET", f"/v1/jobs/{job_id}/archive", content)


def create_batch(spec: Body, *, idempotency_key: str | None = None) -> Call[models.BatchPublic]:
    """Submit a campaign as JSON (`{"jobs": [...]}` or `{"apply": {...}}`; with `"watermark":
    {"brand_kit": ...}` every image it makes is stamped with the kit's logo)."""
    return Call(
        "POST",
        "/v1/batches",
        model(models.BatchPublic),
        json=body(spec),
        idempotency_key=key(idempotency_key),
    )


def upload_batch(
    file: Path,
    *,
    template: str | None = None,
    name: str | None = None,
    schedule_at: datetime | None = None,
    off_peak: bool = False,
    watermark: Body | None = None,
    idempotency_key: str | None = None,
) -> Call[models.BatchPublic]:
    """Submit a CSV or JSONL campaign file, a row a job (`template` fills its {column} holes),
    to run now, at `schedule_at` (timezone-aware) or in the off-peak window (`off_peak`)."""
    files, form = _batch_form(file, template, name, dry_run=False)
    if schedule_at is not None:
        form["schedule_at"] = schedule_at.isoformat()
    if off_peak:
        form["schedule"] = "off_peak"
    if watermark is not None:  # a `models.BatchWatermark` or its mapping
        form["watermark"] = json.dumps(body(watermark))
    return Call(
        "POST",
        "/v1/batches",
        model(models.BatchPublic),
        files=files,
        data=form,
        idempotency_key=key(idempotency_key),
    )


def check_batch_file(
    file: Path, *, template: str | None = None, name: str | None = None
) -> Call[models.BatchCheck]:
    """Validate and price a campaign file without submitting it (a dry run)."""
    files, form = _batch_form(file, template, name, dry_run=True)
    return Call("POST", "/v1/batches", model(models.BatchCheck), files=files, data=form)


def _batch_form(
    file: Path, template: str | None, name: str | None, *, dry_run: bool
) -> tuple[dict[str, tuple[str, bytes, str]], dict[str, str]]:
    form = {
        "dry_run": "true" if dry_run else "false",
        "template": template or "",
        "name": name or "",
    }
    return {"file": (file.name, file.read_bytes(), "text/plain")}, form


def get_batch(batch_id: str) -> Call[models.BatchPublic]:
    return Call("GET", f"/v1/batches/{batch_id}", model(models.BatchPublic))


def off_peak_window() -> Call[models.OffPeakWindow]:
    """The daily hours the tenant's off-peak batches run in (22:00 to 06:00 UTC until set)."""
    return Call("GET", "/v1/off-peak-window", model(models.OffPeakWindow))


def set_off_peak_window(window: Body) -> Call[models.OffPeakWindow]:
    """Set the off-peak window (`{"start": "22:00", "end": "06:00", "timezone": "UTC"}` or a
    `models.OffPeakWindow`); batches already scheduled keep their release time."""
    return Call("PUT", "/v1/off-peak-window", model(models.OffPeakWindow), json=body(window))


def list_batches(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.BatchesPublic]:
    """One page of batches, newest first; pass the page's `next` back as `cursor`."""
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/batches", model(models.BatchesPublic), params=params)


def batch_jobs(
    batch_id: str,
    *,
    status: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> Call[models.JobsPublic]:
    """One page of a batch's jobs; pass the page's `next` back as `cursor`."""
    params = query(status=status, limit=limit, cursor=cursor)
    path = f"/v1/batches/{batch_id}/jobs"
    return Call("GET", path, model(models.JobsPublic), params=params)


def cancel_batch(
    batch_id: str, *, idempotency_key: str | None = None
) -> Call[models.BatchCancelled]:
    """Cancel every job of the batch that has not started; running jobs finish."""
    return Call(
        "POST",
        f"/v1/batches/{batch_id}/cancel",
        model(models.BatchCancelled),
        idempotency_key=key(idempotency_key),
    )


def retry_failed_batch_jobs(
    batch_id: str, *, idempotency_key: str | None = None
) -> Call[models.BatchRetried]:
    """Submit the batch's failed and rejected jobs again (new jobs, `retry_of` the old ones)."""
    return Call(
        "POST",
        f"/v1/batches/{batch_id}/retry-failed",
        model(models.BatchRetried),
        idempotency_key=key(idempotency_key),
    )


def batch_archive(batch_id: str) -> Call[bytes]:
    """The batch's outputs and manifest as one ZIP."""
    return Call("GET", f"/v1/batches/{batch_id}/archive", content)


def list_assets(
    *,
    job_id: str | None = None,
    batch_id: str | None = None,
    kind: str | None = None,
    preset: str | None = None,
    platform: str | None = None,
    source_asset_id: str | None = None,
    parent_id: str | None = None,
    root_id: str | None = None,
    role: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> Call[models.AssetsPublic]:
    """One page of assets, newest first, those matching every filter given; pass the page's
    `next` back as `cursor`."""
    filters = {"job_id": job_id, "batch_id": batch_id, "kind": kind, "preset": preset}
    filters |= {"platform": platform, "source_asset_id": source_asset_id, "role": role}
    params = query(**filters, parent_id=parent_id, root_id=root_id, limit=limit, cursor=cursor)
    return Call("GET", "/v1/assets", model(models.AssetsPublic), params=params)


def get_asset(asset_id: str) -> Call[models.AssetPublic]:
    return Call("GET", f"/v1/assets/{asset_id}", model(models.AssetPublic))


def asset_versions(asset_id: str) -> Call[models.VersionsPublic]:
    """The asset's version chain: the original first, then every edit of it, oldest first."""
    return Call("GET", f"/v1/assets/{asset_id}/versions", model(models.VersionsPublic))


def asset_content_url(asset_id: str) -> Call[str]:
    """A short-lived URL of the asset's bytes (anyone holding it may download them)."""
    return Call("GET", f"/v1/assets/{asset_id}/content", location)


def download_asset(asset_id: str) -> Call[bytes]:
    """The asset's bytes (the key is not sent on to the storage it redirects to)."""
    return Call("GET", f"/v1/assets/{asset_id}/content", content, follow_redirects=True)


def upload(
    data: bytes, filename: str, content_type: str, *, idempotency_key: str | None = None
) -> Call[models.AssetPublic]:
    """Store an image (or audio) of yours as an asset."""
    files = {"file": (filename, data, content_type)}
    return Call(
        "POST",
        "/v1/uploads",
        model(models.AssetPublic),
        files=files,
        idempotency_key=key(idempotency_key),
    )


def upload_from_url(
    url: str, *, filename: str | None = None, idempotency_key: str | None = None
) -> Call[models.AssetPublic]:
    """Have the platform fetch an image from a public URL and store it as an asset."""
    spec = {"url": url} | ({"filename": filename} if filename else {})
    return Call(
        "POST",
        "/v1/uploads/url",
        model(models.AssetPublic),
        json=spec,
        idempotency_key=key(idempotency_key),
    )


def estimate(spec: Body) -> Call[models.EstimatesPublic]:
    """The price and expected time of a job (or `{"jobs": [...]}`), nothing submitted."""
    return Call("POST", "/v1/estimate", model(models.EstimatesPublic), json=body(spec))
