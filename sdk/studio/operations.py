"""Every operation of the API the SDK offers, as a function building its `Call`: the one
definition both clients send (`Studio` and `AsyncStudio` bind them as methods)."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from studio import models
from studio.calls import Call, body, content, location, model, nothing, query

Body = BaseModel | Mapping[str, Any]


def _key(given: str | None) -> str:
    """The Idempotency-Key of one creating call: the caller's, or a new one."""
    return given or str(uuid.uuid4())


def create_job(spec: Body, *, idempotency_key: str | None = None) -> Call[models.JobPublic]:
    """Submit a job (`{"kind": ..., "params": {...}}` or a `models.JobCreate…` model)."""
    return Call(
        "POST",
        "/v1/jobs",
        model(models.JobPublic),
        json=body(spec),
        idempotency_key=_key(idempotency_key),
    )


def get_job(job_id: str) -> Call[models.JobPublic]:
    return Call("GET", f"/v1/jobs/{job_id}", model(models.JobPublic))


def list_jobs(
    *, status: str | None = None, limit: int | None = None, cursor: str | None = None
) -> Call[models.JobsPublic]:
    """One page of jobs, newest first; pass the page's `next` back as `cursor`."""
    params = query(status=status, limit=limit, cursor=cursor)
    return Call("GET", "/v1/jobs", model(models.JobsPublic), params=params)


def cancel_job(job_id: str) -> Call[models.JobPublic]:
    return Call("POST", f"/v1/jobs/{job_id}/cancel", model(models.JobPublic))


def create_batch(spec: Body, *, idempotency_key: str | None = None) -> Call[models.BatchPublic]:
    """Submit a campaign as JSON (`{"jobs": [...]}` or `{"apply": {...}}`)."""
    return Call(
        "POST",
        "/v1/batches",
        model(models.BatchPublic),
        json=body(spec),
        idempotency_key=_key(idempotency_key),
    )


def upload_batch(
    file: Path,
    *,
    template: str | None = None,
    name: str | None = None,
    idempotency_key: str | None = None,
) -> Call[models.BatchPublic]:
    """Submit a CSV or JSONL campaign file, a row a job (`template` fills its {column} holes)."""
    files, form = _batch_form(file, template, name, dry_run=False)
    return Call(
        "POST",
        "/v1/batches",
        model(models.BatchPublic),
        files=files,
        data=form,
        idempotency_key=_key(idempotency_key),
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


def batch_archive(batch_id: str) -> Call[bytes]:
    """The batch's outputs and manifest as one ZIP."""
    return Call("GET", f"/v1/batches/{batch_id}/archive", content)


def list_assets(
    *,
    job_id: str | None = None,
    batch_id: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> Call[models.AssetsPublic]:
    """One page of assets, newest first; pass the page's `next` back as `cursor`."""
    params = query(job_id=job_id, batch_id=batch_id, kind=kind, limit=limit, cursor=cursor)
    return Call("GET", "/v1/assets", model(models.AssetsPublic), params=params)


def get_asset(asset_id: str) -> Call[models.AssetPublic]:
    return Call("GET", f"/v1/assets/{asset_id}", model(models.AssetPublic))


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
        idempotency_key=_key(idempotency_key),
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
        idempotency_key=_key(idempotency_key),
    )


def estimate(spec: Body) -> Call[models.EstimatesPublic]:
    """The price and expected time of a job (or `{"jobs": [...]}`), nothing submitted."""
    return Call("POST", "/v1/estimate", model(models.EstimatesPublic), json=body(spec))


def account() -> Call[models.AccountPublic]:
    return Call("GET", "/v1/billing/account", model(models.AccountPublic))


def usage(*, since: date | None = None, until: date | None = None) -> Call[models.UsagePublic]:
    """Jobs, credits and provider cost a day, operation and provider, between two dates."""
    params = query(
        since=since.isoformat() if since else None, until=until.isoformat() if until else None
    )
    return Call("GET", "/v1/billing/usage", model(models.UsagePublic), params=params)


def create_webhook(
    url: str,
    events: Sequence[str] = ("*",),
    *,
    description: str | None = None,
    idempotency_key: str | None = None,
) -> Call[models.WebhookCreated]:
    """Register an endpoint for job events; the answer holds its signing secret, shown once."""
    spec: dict[str, Any] = {"url": url, "events": list(events)}
    if description is not None:
        spec["description"] = description
    return Call(
        "POST",
        "/v1/webhooks",
        model(models.WebhookCreated),
        json=spec,
        idempotency_key=_key(idempotency_key),
    )


def list_webhooks(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.WebhooksPublic]:
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/webhooks", model(models.WebhooksPublic), params=params)


def delete_webhook(webhook_id: str) -> Call[None]:
    return Call("DELETE", f"/v1/webhooks/{webhook_id}", nothing)
