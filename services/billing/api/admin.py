"""`/internal/v1/accounts/{tenant}/…`: what operators change (the gateway checks the admin key).

Grants take an `Idempotency-Key`: a repeated grant with the same key adds nothing.
"""

from fastapi import APIRouter

from contracts.billing.plans import PACKS
from contracts.http.billing import (
    AccountPublic,
    BudgetCapUpdate,
    CreditGrant,
    LedgerKind,
    PackGrant,
    PlanUpdate,
)
from services.billing.accounts import Accounts, account_public
from services.billing.api.deps import AccountsDep, LedgerDep
from services.billing.changes import grant, set_budget_cap, set_plan
from services.billing.ledger import Ledger, LedgerEntry
from services.billing.metrics import CREDITS
from shared.errors import PermanentError
from shared.http import IdempotencyKey
from shared.ids import new_id
from shared.internal import ServiceDep

router = APIRouter(prefix="/internal/v1/accounts/{tenant_id}", tags=["admin"])


@router.get("", response_model=AccountPublic)
async def get_account(tenant_id: str, _: ServiceDep, accounts: AccountsDep) -> AccountPublic:
    return account_public(await accounts.get(tenant_id))


@router.put("/plan", response_model=AccountPublic)
async def change_plan(
    tenant_id: str, body: PlanUpdate, _: ServiceDep, accounts: AccountsDep
) -> AccountPublic:
    return account_public(await accounts.change(tenant_id, set_plan(body.plan)))


@router.put("/budget-cap", response_model=AccountPublic)
async def change_budget_cap(
    tenant_id: str, body: BudgetCapUpdate, _: ServiceDep, accounts: AccountsDep
) -> AccountPublic:
    changed = await accounts.change(tenant_id, set_budget_cap(body.monthly_credits))
    return account_public(changed)


@router.post("/credits", response_model=AccountPublic)
async def grant_credits(
    tenant_id: str,
    body: CreditGrant,
    _: ServiceDep,
    accounts: AccountsDep,
    ledger: LedgerDep,
    idempotency_key: IdempotencyKey = None,
) -> AccountPublic:
    entry = _entry(tenant_id, LedgerKind.GRANT, body.credits, body.memo, idempotency_key)
    return await _grant(accounts, ledger, entry)


@router.post("/packs", response_model=AccountPublic)
async def grant_pack(
    tenant_id: str,
    body: PackGrant,
    _: ServiceDep,
    accounts: AccountsDep,
    ledger: LedgerDep,
    idempotency_key: IdempotencyKey = None,
) -> AccountPublic:
    pack = PACKS.get(body.pack)
    if pack is None:
        raise PermanentError("unknown_pack", f"no pack {body.pack}; packs: {', '.join(PACKS)}")
    entry = _entry(tenant_id, LedgerKind.PACK, pack.credits, pack.name, idempotency_key)
    return await _grant(accounts, ledger, entry, pack.images, pack.videos)


def _entry(
    tenant_id: str, kind: LedgerKind, credits: int, memo: str | None, idempotency_key: str | None
) -> LedgerEntry:
    entry_id = (
        f"{kind.value}:{tenant_id}:{idempotency_key}" if idempotency_key else new_id(kind.value)
    )
    return LedgerEntry(_id=entry_id, tenant_id=tenant_id, kind=kind, credits=credits, memo=memo)


async def _grant(
    accounts: Accounts, ledger: Ledger, entry: LedgerEntry, images: int = 0, videos: int = 0
) -> AccountPublic:
    await accounts.flush(entry.tenant_id)
    if await ledger.get(entry.id) is not None:  # this grant was made already
        return account_public(await accounts.get(entry.tenant_id))
    changed = await accounts.change(entry.tenant_id, grant(entry, images, videos))
    CREDITS.labels("granted").inc(entry.credits)
    return account_public(changed)
