"""`/v1/batches`: submit a campaign (JSON, CSV or JSONL), follow it, list its jobs, download it."""

import json
from typing import Any

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import StreamingResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from contracts.http.batches import (
    BatchCancelled,
    BatchCheck,
    BatchCreate,
    BatchesPublic,
    BatchPublic,
    BatchRetried,
    BatchTiming,
    BatchWatermark,
)
from contracts.http.jobs import JobsPublic
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.jobs import JobStatus
from contracts.strictness import strict_json
from services.gateway.api.answers import accepted, located
from services.gateway.api.deps import ActorDep, GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict, is_json, refuse_controls
from services.gateway.assets.archives import ZIP_ANSWER, Export, zip_response
from services.gateway.batches.rows import BatchFileError, Row, read_rows
from services.gateway.batches.timing import Timing
from services.gateway.batches.watermarks import final_outputs
from shared.errors import PermanentError
from shared.http import IdempotencyKey, error_responses, field_errors

router = APIRouter(prefix="/v1/batches", tags=["batches"], route_class=Strict)
ERRORS = error_responses(401, 402, 404, 409, 413, 415, 422)
UPLOAD_FORM = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "CSV or JSONL, a row a job"},
        "template": {"type": "string", "description": "A job spec (JSON) with {column} holes"},
        "name": {"type": "string"},
        "dry_run": {"type": "boolean"},
        "collection_id": {"type": "string", "description": "Put the outputs in this collection"},
        "schedule_at": {"type": "string", "format": "date-time", "description": "Run then"},
        "schedule": {"type": "string", "enum": ["off_peak"], "description": "Run off-peak"},
        "watermark": {"type": "string", "description": "A `BatchWatermark` (JSON)"},
    },
}
BODIES = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/BatchCreate"}},
            "multipart/form-data": {"schema": UPLOAD_FORM},
        },
    }
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=BatchPublic | BatchCheck,
    responses={200: {"model": BatchCheck, "description": "A dry run's answer."}, **ERRORS},
    openapi_extra=BODIES,
    operation_id="batches.create",
)
async def submit_batch(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> BatchPublic | BatchCheck:
    """Every job of a campaign, as JSON (`BatchCreate`) or as a CSV/JSONL file (multipart
    `file`, optional `template`, `name`, `dry_run`, `schedule_at`, `schedule`, `watermark`).
    All rows are validated and priced first: nothing is created unless all are valid (422
    listing each row's problems) and the account may run them all (402). `dry_run` answers 200
    with the problems and the price instead. With `schedule_at` or `schedule: off_peak` the
    jobs wait `scheduled` until then (cancellable). With `watermark` every image the jobs make
    is stamped with the brand kit's logo by a follow-up `edit.watermark` job in the batch
    (priced in its estimate); the batch's results are the watermarked images."""
    rows, name, dry_run, collection_id, timing, watermark = await _read(request)
    if dry_run:
        response.status_code = status.HTTP_200_OK
        await gateway.batches.windows.release_at(tenant, timing)  # a bad time is refused too
        return await gateway.batches.check(tenant, rows, watermark)
    batch, replayed = await gateway.batches.submit(
        tenant, rows, name, idempotency_key, collection_id, timing, watermark
    )
    located(response, f"/v1/batches/{batch.id}", replayed)
    return batch


@router.get("", response_model=BatchesPublic, responses=ERRORS, operation_id="batches.list")
async def list_batches(
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> BatchesPublic:
    """The tenant's batches, newest first, each with its progress."""
    items, next_cursor = await gateway.batches.page(tenant, cursor, limit)
    return BatchesPublic(items=items, next=next_cursor)


@router.get("/{batch_id}", response_model=BatchPublic, responses=ERRORS, operation_id="batches.get")
async def get_batch(batch_id: str, tenant: TenantDep, gateway: GatewayDep) -> BatchPublic:
    """Progress: jobs by status, cost so far, ETA."""
    return await gateway.batches.view(tenant, batch_id)


@accepted(router, "/{batch_id}/cancel", BatchCancelled, ERRORS, "batches.cancel")
async def cancel_batch(batch_id: str, tenant: TenantDep, gateway: GatewayDep) -> BatchCancelled:
    """Cancel every job of the batch that has not started: each ends `cancelled` shortly and
    its credits are given back; running jobs finish."""
    cancelling = await gateway.batches.cancel(tenant, batch_id)
    return BatchCancelled(cancelling=cancelling, batch=await gateway.batches.view(tenant, batch_id))


@accepted(router, "/{batch_id}/retry-failed", BatchRetried, ERRORS, "batches.retry_failed")
async def retry_failed(batch_id: str, tenant: TenantDep, gateway: GatewayDep) -> BatchRetried:
    """Submit the batch's failed and rejected jobs again (new jobs, `retry_of` the old ones);
    the batch's counts follow the new ones."""
    retried = await gateway.batches.retry_failed(tenant, batch_id)
    return BatchRetried(retried=retried, batch=await gateway.batches.view(tenant, batch_id))


@router.get(
    "/{batch_id}/jobs",
    response_model=JobsPublic,
    responses=ERRORS,
    operation_id="batches.list_jobs",
)
async def batch_jobs(
    batch_id: str,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
    status: JobStatus | None = None,
) -> JobsPublic:
    """The batch's jobs, newest first (`?status=failed`…)."""
    await gateway.batches.get(tenant, batch_id)
    jobs, next_cursor = await gateway.jobs.page(
        tenant, cursor=cursor, limit=limit, status=status, batch_id=batch_id
    )
    return JobsPublic(items=[job.public() for job in jobs], next=next_cursor)


@router.get(
    "/{batch_id}/archive",
    response_class=StreamingResponse,
    responses={200: ZIP_ANSWER, **ERRORS},
    operation_id="batches.archive",
)
async def batch_archive(
    batch_id: str, tenant: TenantDep, actor: ActorDep, gateway: GatewayDep
) -> StreamingResponse:
    """A zip of every output of the batch's completed jobs (a folder per job) with
    `manifest.json` and `manifest.csv`, the jobs that failed with their reasons, and the jobs
    whose outputs are not in it yet (`pending`: still running, or completed a moment ago). A
    watermarked batch's zip holds the watermarked versions of its images, not the originals."""
    batch = await gateway.batches.get(tenant, batch_id)
    # in this order, a job that moves meanwhile is counted where it ended up
    statuses = await gateway.jobs.statuses_in_batch(tenant, batch.id)
    assets = await gateway.library.all_assets(tenant, batch_id=batch.id)
    failed = await gateway.jobs.failed_in_batch(tenant, batch.id)
    with_files = {asset.job_id for asset in assets}
    if batch.watermark is not None:
        assets = final_outputs(assets)
    ended_empty = {failure["job_id"] for failure in failed}
    pending = [
        {"job_id": job_id, "status": status.value}
        for job_id, status in statuses.items()
        if job_id not in with_files and job_id not in ended_empty
    ]
    about = {"batch_id": batch.id, "name": batch.name, "jobs": batch.jobs, "pending": pending}
    export = Export("batch", batch.id, actor)
    chunks = gateway.archives.stream(tenant, assets, about, failed, export, by_job=True)
    return zip_response(chunks, batch.id)


Read = tuple[list[Row], str | None, bool, str | None, Timing, BatchWatermark | None]
"""A submitted batch's rows, name, dry-run flag, collection, when it runs and its watermark."""


async def _read(request: Request) -> Read:
    """The batch's rows, name, dry-run flag, collection, timing and watermark, from a JSON body
    or a multipart upload."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        return await _read_upload(request)
    if not is_json(content_type):
        raise PermanentError("unsupported_media_type", "send JSON or a multipart CSV/JSONL file")
    try:
        sent = json.loads(await request.body())
    except ValueError as exc:
        raise PermanentError("invalid_request", f"the body is not JSON: {exc}") from exc
    try:
        body = BatchCreate.model_validate_json(strict_json(sent), strict=True)
    except ValidationError as exc:
        raise PermanentError("invalid_request", "not a valid batch", field_errors(exc)) from exc
    refuse_controls(body)
    rows = [Row(number, job, []) for number, job in enumerate(body.jobs, 1)]
    timing = Timing(body.schedule_at, body.schedule == "off_peak")
    return rows, body.name, body.dry_run, body.collection_id, timing, body.watermark


async def _read_upload(request: Request) -> Read:
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise PermanentError("invalid_request", "a multipart batch needs a `file` (CSV or JSONL)")
    template = _template(form.get("template"))
    try:
        rows = read_rows(await upload.read(), upload.filename or "", template)
    except BatchFileError as exc:
        raise PermanentError("invalid_request", str(exc)) from exc
    name = form.get("name")
    refuse_controls({"name": name, "rows": [row.job for row in rows]})
    dry_run = str(form.get("dry_run", "false")).lower() in ("true", "1", "yes", "on")
    collection_id = form.get("collection_id")
    return (
        rows,
        name if isinstance(name, str) else None,
        dry_run,
        collection_id if isinstance(collection_id, str) and collection_id else None,
        _timing(form.get("schedule_at"), form.get("schedule")),
        _watermark(form.get("watermark")),
    )


def _timing(schedule_at: Any, schedule: Any) -> Timing:
    """A form's `schedule_at` (RFC 3339, with an offset) and `schedule` (`off_peak`)."""
    try:
        fields = BatchTiming.model_validate(
            {"schedule_at": schedule_at or None, "schedule": schedule or None}
        )
    except ValidationError as exc:
        raise PermanentError("invalid_request", "not a valid schedule", field_errors(exc)) from exc
    return Timing(fields.schedule_at, fields.schedule == "off_peak")


def _watermark(value: Any) -> BatchWatermark | None:
    """A form's `watermark`: a `BatchWatermark` as JSON."""
    if value is None or value == "":
        return None
    try:
        return BatchWatermark.model_validate_json(str(value))
    except ValidationError as exc:
        errors = field_errors(exc, prefix="watermark")
        raise PermanentError("invalid_request", "not a valid watermark", errors) from exc


def _template(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    try:
        template = json.loads(str(value))
    except json.JSONDecodeError as exc:
        raise PermanentError("invalid_request", f"`template` is not JSON: {exc.msg}") from exc
    if not isinstance(template, dict):
        raise PermanentError("invalid_request", "`template` must be a JSON object (a job spec)")
    return template
