"""`/v1/admin/*` (admin key): tenants, their API keys, plans, packs, credits and budget caps."""

from fastapi import APIRouter, status
from pydantic import BaseModel

from contracts.http.billing import (
    AccountPublic,
    BudgetCapUpdate,
    CreditGrant,
    PackGrant,
    PlanUpdate,
    TenantCreate,
    TenantPublic,
)
from contracts.http.keys import ApiKeyCreated, ApiKeysPublic
from services.gateway.api.deps import AdminDep, GatewayDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from services.gateway.container import Gateway
from shared.http import IdempotencyKey, error_responses

router = APIRouter(prefix="/v1/admin/tenants", tags=["admin"], route_class=Strict)
ERRORS = error_responses(401, 403, 404, 422)


@router.post(
    "",
    response_model=TenantPublic,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="admin.create_tenant",
    dependencies=[REPLAYED],
)
async def create_tenant(body: TenantCreate, _: AdminDep, gateway: GatewayDep) -> TenantPublic:
    """A tenant with its first API key (shown once), on a plan, with credits."""
    tenant = await gateway.keys.create_tenant(body.name)
    account = await gateway.billing.change(tenant.id, "PUT", "/plan", {"plan": body.plan})
    if body.credits:
        grant = {"credits": body.credits, "memo": "opening balance"}
        opening = f"opening-{tenant.id}"
        account = await gateway.billing.change(tenant.id, "POST", "/credits", grant, opening)
    key, _record = await gateway.keys.issue(tenant.id)  # last: no key for a half-made tenant
    return TenantPublic(id=tenant.id, name=tenant.name, account=account, api_key=key)


@router.get(
    "/{tenant_id}", response_model=TenantPublic, responses=ERRORS, operation_id="admin.get_tenant"
)
async def get_tenant(tenant_id: str, _: AdminDep, gateway: GatewayDep) -> TenantPublic:
    tenant = await gateway.keys.tenant(tenant_id)
    account = await gateway.billing.account(tenant_id)
    return TenantPublic(id=tenant.id, name=tenant.name, account=account)


@router.post(
    "/{tenant_id}/keys",
    response_model=ApiKeyCreated,
    status_code=201,
    responses=ERRORS,
    operation_id="admin.create_key",
    dependencies=[REPLAYED],
)
async def issue_key(tenant_id: str, _: AdminDep, gateway: GatewayDep) -> ApiKeyCreated:
    await gateway.keys.tenant(tenant_id)
    key, record = await gateway.keys.issue(tenant_id)
    return record.created(key)


@router.get(
    "/{tenant_id}/keys",
    response_model=ApiKeysPublic,
    responses=ERRORS,
    operation_id="admin.list_keys",
)
async def list_keys(tenant_id: str, _: AdminDep, gateway: GatewayDep) -> ApiKeysPublic:
    records = await gateway.keys.of_tenant(tenant_id)
    return ApiKeysPublic(items=[record.public() for record in records])


@router.delete(
    "/{tenant_id}/keys/{prefix}", status_code=204, responses=ERRORS, operation_id="admin.revoke_key"
)
async def revoke_key(tenant_id: str, prefix: str, _: AdminDep, gateway: GatewayDep) -> None:
    await gateway.keys.revoke(tenant_id, prefix)


@router.put(
    "/{tenant_id}/plan",
    response_model=AccountPublic,
    responses=ERRORS,
    operation_id="admin.set_plan",
)
async def set_plan(
    tenant_id: str, body: PlanUpdate, _: AdminDep, gateway: GatewayDep
) -> AccountPublic:
    return await _change(gateway, tenant_id, "PUT", "/plan", body)


@router.post(
    "/{tenant_id}/packs",
    response_model=AccountPublic,
    responses=ERRORS,
    operation_id="admin.grant_pack",
)
async def grant_pack(
    tenant_id: str,
    body: PackGrant,
    _: AdminDep,
    gateway: GatewayDep,
    idempotency_key: IdempotencyKey = None,
) -> AccountPublic:
    """Add a pack: its images or videos, and its credits. Send an `Idempotency-Key` to make a
    retry safe."""
    return await _change(gateway, tenant_id, "POST", "/packs", body, idempotency_key)


@router.post(
    "/{tenant_id}/credits",
    response_model=AccountPublic,
    responses=ERRORS,
    operation_id="admin.grant_credits",
)
async def grant_credits(
    tenant_id: str,
    body: CreditGrant,
    _: AdminDep,
    gateway: GatewayDep,
    idempotency_key: IdempotencyKey = None,
) -> AccountPublic:
    """Add credits (a top-up). Send an `Idempotency-Key` to make a retry safe."""
    return await _change(gateway, tenant_id, "POST", "/credits", body, idempotency_key)


@router.put(
    "/{tenant_id}/budget-cap",
    response_model=AccountPublic,
    responses=ERRORS,
    operation_id="admin.set_budget_cap",
)
async def set_budget_cap(
    tenant_id: str, body: BudgetCapUpdate, _: AdminDep, gateway: GatewayDep
) -> AccountPublic:
    return await _change(gateway, tenant_id, "PUT", "/budget-cap", body)


async def _change(
    gateway: Gateway,
    tenant_id: str,
    method: str,
    change: str,
    body: BaseModel,
    idempotency_key: str | None = None,
) -> AccountPublic:
    """An operator's change of a known tenant's account, made by billing."""
    await gateway.keys.tenant(tenant_id)
    return await gateway.billing.change(
        tenant_id, method, change, body.model_dump(), idempotency_key
    )
