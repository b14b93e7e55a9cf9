"""`/v1/billing/*`: a tenant's account, usage and ledger (the gateway names the tenant)."""

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from contracts.billing.rules import AccountView
from contracts.http.billing import AccountPublic, LedgerPublic, UsagePublic
from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from services.billing.accounts import account_public
from services.billing.api.deps import AccountsDep, LedgerDep
from shared.internal import ServiceDep, TenantDep

router = APIRouter(tags=["billing"])


@router.get("/v1/billing/account", response_model=AccountPublic)
async def account(tenant: TenantDep, accounts: AccountsDep) -> AccountPublic:
    return account_public(await accounts.get(tenant))


@router.get("/v1/billing/usage", response_model=UsagePublic)
async def usage(
    tenant: TenantDep,
    ledger: LedgerDep,
    since: date | None = None,
    until: date | None = None,
) -> UsagePublic:
    """Spending by day, operation and provider; the last 30 days unless told."""
    last = until or datetime.now(UTC).date()
    first = since or last - timedelta(days=30)
    return UsagePublic(items=await ledger.usage(tenant, first.isoformat(), last.isoformat()))


@router.get("/v1/billing/ledger", response_model=LedgerPublic)
async def ledger_page(
    tenant: TenantDep,
    ledger: LedgerDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> LedgerPublic:
    entries, next_cursor = await ledger.page(tenant, cursor, limit)
    return LedgerPublic(items=[entry.public() for entry in entries], next=next_cursor)


@router.get("/internal/v1/accounts/{tenant_id}/view", response_model=AccountView)
async def account_view(tenant_id: str, _: ServiceDep, accounts: AccountsDep) -> AccountView:
    """The account as the pre-flight rules read it (the gateway's early 402 and rate limit)."""
    return (await accounts.get(tenant_id)).view()
