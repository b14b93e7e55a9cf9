"""`/v1/jobs`: submit a job, read one, list them."""

from fastapi import APIRouter, Response
from fastapi.responses import StreamingResponse

from contracts.http.jobs import JobCreate, JobPublic, JobsPublic
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.jobs import JobStatus
from services.gateway.api.answers import accepted, located
from services.gateway.api.deps import ActorDep, GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict
from services.gateway.assets.archives import ZIP_ANSWER, Export, job_about, zip_response
from shared.errors import PermanentError
from shared.http import IdempotencyKey, error_responses

router = APIRouter(prefix="/v1/jobs", tags=["jobs"], route_class=Strict)
CREATE_ERRORS = error_responses(402, 409)
STATE_ERRORS = error_responses(409)
"""(401, 404, 422, 429… are documented for every operation that can answer them.)"""


@accepted(router, "", JobPublic, CREATE_ERRORS, "jobs.create", replayed=False)
async def submit_job(
    body: JobCreate,
    tenant: TenantDep,
    gateway: GatewayDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> JobPublic:
    """Accept a job and start it. With an `Idempotency-Key`, a repeated request answers with the
    first job instead of creating another."""
    submission = await gateway.submitter.submit(tenant, body, idempotency_key)
    located(response, f"/v1/jobs/{submission.job.id}", submission.replayed)
    return submission.job.public()


@router.get("", response_model=JobsPublic, operation_id="jobs.list")
async def list_jobs(
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
    status: JobStatus | None = None,
) -> JobsPublic:
    """The tenant's jobs, newest first."""
    jobs, next_cursor = await gateway.jobs.page(tenant, cursor=cursor, limit=limit, status=status)
    return JobsPublic(items=[job.public() for job in jobs], next=next_cursor)


@router.get("/{job_id}", response_model=JobPublic, operation_id="jobs.get")
async def get_job(job_id: str, tenant: TenantDep, gateway: GatewayDep) -> JobPublic:
    return (await gateway.jobs.get(tenant, job_id)).public()


@accepted(router, "/{job_id}/cancel", JobPublic, STATE_ERRORS, "jobs.cancel")
async def cancel_job(job_id: str, tenant: TenantDep, gateway: GatewayDep) -> JobPublic:
    """Cancel a job that has not started (it ends `cancelled` shortly and its credits are given
    back); 409 `job_started` once a worker has it."""
    job = await gateway.jobs.get(tenant, job_id)
    if not await gateway.cancellations.cancel([job], "cancelled by the client"):
        raise PermanentError("job_started", f"the job is {job.status.value}: too late to cancel")
    return job.public()


@router.get(
    "/{job_id}/archive",
    response_class=StreamingResponse,
    responses={200: ZIP_ANSWER, **STATE_ERRORS},
    operation_id="jobs.archive",
)
async def job_archive(
    job_id: str, tenant: TenantDep, actor: ActorDep, gateway: GatewayDep
) -> StreamingResponse:
    """A zip of every output of a completed job, with `manifest.json` and `manifest.csv`
    (platform, format, size, bytes, SSIM) and the outputs that could not be made."""
    job = await gateway.jobs.get(tenant, job_id)
    assets = await gateway.archives.assets_of(tenant, job)
    about, failures = job_about(job)
    export = Export("job", job.id, actor)
    return zip_response(gateway.archives.stream(tenant, assets, about, failures, export), job.id)
