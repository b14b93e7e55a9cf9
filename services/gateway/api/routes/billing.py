"""`POST /v1/estimate` and `/v1/billing/*`: what jobs will cost, and the tenant's account."""

from fastapi import APIRouter, Request, Response

from contracts.http.billing import (
    AccountPublic,
    EstimatesPublic,
    JobsEstimateCreate,
    LedgerPublic,
    UsagePublic,
)
from contracts.http.jobs import JobCreate
from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.queries import IsoDate
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(tags=["billing"], route_class=Strict)
ERRORS = error_responses(401, 422, 429)


@router.post(
    "/v1/estimate",
    response_model=EstimatesPublic,
    responses=ERRORS,
    operation_id="billing.estimate",
)
async def estimate(
    body: JobCreate | JobsEstimateCreate, tenant: TenantDep, gateway: GatewayDep
) -> EstimatesPublic:
    """Credits, USD, expected duration and whether the plan and balance allow it, for one job
    or a list (each counted as if the ones before it ran)."""
    if isinstance(body, JobsEstimateCreate):
        return await gateway.gatekeeper.estimates(tenant, body.jobs, listed=True)
    return await gateway.gatekeeper.estimates(tenant, [body], listed=False)


@router.get(
    "/v1/billing/account",
    response_model=AccountPublic,
    responses=ERRORS,
    operation_id="billing.get_account",
)
async def account(tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Plan, balance, reserved credits, this month's usage and what is left."""
    return await gateway.billing.forward(tenant, "/v1/billing/account")


@router.get(
    "/v1/billing/usage",
    response_model=UsagePublic,
    responses=ERRORS,
    operation_id="billing.get_usage",
)
async def usage(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
) -> Response:
    """Spending by day, operation and provider (the last 30 days unless told)."""
    return await gateway.billing.forward(tenant, "/v1/billing/usage", dict(request.query_params))


@router.get(
    "/v1/billing/ledger",
    response_model=LedgerPublic,
    responses=ERRORS,
    operation_id="billing.list_ledger",
)
async def ledger(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> Response:
    """Every credit movement, newest first."""
    return await gateway.billing.forward(tenant, "/v1/billing/ledger", dict(request.query_params))
