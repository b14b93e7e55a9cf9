"""`POST /v1/estimate` and `/v1/billing/*`: what jobs will cost, and the tenant's account."""

from datetime import date

from fastapi import APIRouter, Request, Response

from contracts.http.billing import (
    AccountPublic,
    EstimatesPublic,
    JobsEstimateCreate,
    LedgerPublic,
    UsagePublic,
)
from contracts.http.jobs import JobCreate
from services.gateway.api.deps import GatewayDep, TenantDep
from shared.http import error_responses

router = APIRouter(tags=["billing"])
ERRORS = error_responses(401, 422, 429)


@router.post("/v1/estimate", response_model=EstimatesPublic, responses=ERRORS)
async def estimate(
    body: JobCreate | JobsEstimateCreate, tenant: TenantDep, gateway: GatewayDep
) -> EstimatesPublic:
    """Credits, USD, expected duration and whether the plan and balance allow it, for one job
    or a list (each counted as if the ones before it ran)."""
    if isinstance(body, JobsEstimateCreate):
        return await gateway.gatekeeper.estimates(tenant, body.jobs, listed=True)
    return await gateway.gatekeeper.estimates(tenant, [body], listed=False)


@router.get("/v1/billing/account", response_model=AccountPublic, responses=ERRORS)
async def account(tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Plan, balance, reserved credits, this month's usage and what is left."""
    return await gateway.billing.forward(tenant, "/v1/billing/account")


@router.get("/v1/billing/usage", response_model=UsagePublic, responses=ERRORS)
async def usage(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    since: date | None = None,
    until: date | None = None,
) -> Response:
    """Spending by day, operation and provider (the last 30 days unless told)."""
    return await gateway.billing.forward(tenant, "/v1/billing/usage", dict(request.query_params))


@router.get("/v1/billing/ledger", response_model=LedgerPublic, responses=ERRORS)
async def ledger(
    request: Request,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: int = 20,
    cursor: str | None = None,
) -> Response:
    """Every credit movement, newest first."""
    return await gateway.billing.forward(tenant, "/v1/billing/ledger", dict(request.query_params))
