"""`/internal/v1/accounts/{tenant}/…`: what operators change (the gateway checks the admin key)."""

from fastapi import APIRouter

from contracts.billing.plans import PACKS, PLANS
from contracts.http.billing import (
    AccountPublic,
    BudgetCapUpdate,
    CreditGrant,
    LedgerKind,
    PackGrant,
    PlanUpdate,
)
from services.billing.accounts import Accounts, account_public, configure, grant
from services.billing.api.deps import AccountsDep, LedgerDep
from services.billing.ledger import Ledger, LedgerEntry
from services.billing.metrics import CREDITS
from shared.errors import PermanentError
from shared.ids import new_id
from shared.internal import ServiceDep

router = APIRouter(prefix="/internal/v1/accounts/{tenant_id}", tags=["admin"])


@router.get("", response_model=AccountPublic)
async def get_account(tenant_id: str, _: ServiceDep, accounts: AccountsDep) -> AccountPublic:
    return account_public(await accounts.get(tenant_id))


@router.put("/plan", response_model=AccountPublic)
async def set_plan(
    tenant_id: str, body: PlanUpdate, _: ServiceDep, accounts: AccountsDep
) -> AccountPublic:
    if body.plan not in PLANS:
        raise PermanentError("unknown_plan", f"no plan {body.plan}; plans: {', '.join(PLANS)}")
    return account_public(await accounts.change(tenant_id, configure(plan=body.plan)))


@router.put("/budget-cap", response_model=AccountPublic)
async def set_budget_cap(
    tenant_id: str, body: BudgetCapUpdate, _: ServiceDep, accounts: AccountsDep
) -> AccountPublic:
    changed = await accounts.change(tenant_id, configure(budget_cap=body.monthly_credits))
    return account_public(changed)


@router.post("/credits", response_model=AccountPublic)
async def grant_credits(
    tenant_id: str, body: CreditGrant, _: ServiceDep, accounts: AccountsDep, ledger: LedgerDep
) -> AccountPublic:
    return await _grant(accounts, ledger, tenant_id, LedgerKind.GRANT, body.credits, body.memo)


@router.post("/packs", response_model=AccountPublic)
async def grant_pack(
    tenant_id: str, body: PackGrant, _: ServiceDep, accounts: AccountsDep, ledger: LedgerDep
) -> AccountPublic:
    pack = PACKS.get(body.pack)
    if pack is None:
        raise PermanentError("unknown_pack", f"no pack {body.pack}; packs: {', '.join(PACKS)}")
    return await _grant(
        accounts,
        ledger,
        tenant_id,
        LedgerKind.PACK,
        pack.credits,
        pack.name,
        pack.images,
        pack.videos,
    )


async def _grant(
    accounts: Accounts,
    ledger: Ledger,
    tenant_id: str,
    kind: LedgerKind,
    credits: int,
    memo: str | None,
    images: int = 0,
    videos: int = 0,
) -> AccountPublic:
    """Account first, then the ledger: a crash between them is repaired from the ledger at
    start-up (the grant is then undone, and visibly so)."""
    changed = await accounts.change(tenant_id, grant(credits, images, videos))
    entry_id = new_id(kind.value)
    await ledger.append(
        LedgerEntry(_id=entry_id, tenant_id=tenant_id, kind=kind, credits=credits, memo=memo)
    )
    CREDITS.labels("granted").inc(credits)
    return account_public(changed)
