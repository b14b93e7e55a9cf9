"""Accounts: plan, balance, holds and this month's counters, one document per tenant.

Every change is a compare-and-set on the document's `version` (read, decide in pure code, replace
if nobody changed it meanwhile, else retry), so concurrent reservations never overspend. A job's
hold lives in its tenant's document, which makes reserving and settling idempotent by job id.
"""

import asyncio
import random
from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, Field
from pymongo.errors import DuplicateKeyError

from contracts.billing import CREDIT_USD
from contracts.billing.estimates import Estimate
from contracts.billing.rules import AccountView, Draw, Refusal, after, draw, period_of, refusal
from contracts.http.billing import AccountPublic, AllowancePublic, PlanPublic
from shared.database import Database, Index, now_ms
from shared.errors import RetryableError

COLLECTION = "billing_accounts"
INDEXES: dict[str, list[Index]] = {COLLECTION: []}
CAS_ATTEMPTS = 50
T = TypeVar("T")
Change = Callable[["AccountRecord"], tuple["AccountRecord | None", T]]
"""A pure account change: the new account (None: leave it) and a result."""


class Hold(BaseModel):
    """Credits and allowances a running job holds until it ends."""

    credits: int
    draw_images_plan: int = 0
    draw_images_pack: int = 0
    draw_videos_plan: int = 0
    draw_videos_pack: int = 0
    period: str


class AccountRecord(AccountView):
    version: int = 0
    holds: dict[str, Hold] = Field(default_factory=dict)
    created_at_ms: int = Field(default_factory=now_ms)

    def view(self) -> AccountView:
        return AccountView.model_validate(self.model_dump(include=set(AccountView.model_fields)))


class Accounts:
    """The account collection; changes go through `change`, a compare-and-set loop."""

    def __init__(self, db: Database) -> None:
        self._accounts = db[COLLECTION]
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def get(self, tenant_id: str) -> AccountRecord:
        """The tenant's account, as of this month (a tenant never seen has a default one)."""
        doc = await self._accounts.find_one({"_id": tenant_id})
        if doc is None:
            return AccountRecord(tenant_id=tenant_id)
        return _current(AccountRecord.model_validate(doc | {"tenant_id": doc["_id"]}))

    async def all_ids(self) -> list[str]:
        return [doc["_id"] async for doc in self._accounts.find({}, {"_id": 1})]

    async def change(self, tenant_id: str, decide: Change[T]) -> T:
        """Apply a pure change atomically: compare-and-set on the version, retried. Changes of
        one tenant queue here first, so this instance's own changes never collide."""
        async with self._locks[tenant_id]:
            return await self._change(tenant_id, decide)

    async def _change(self, tenant_id: str, decide: Change[T]) -> T:
        for _ in range(CAS_ATTEMPTS):
            current = await self.get(tenant_id)
            changed, result = decide(current)
            if changed is None or await self._replace(current, changed):
                return result
            await asyncio.sleep(random.uniform(0, 0.01))
        raise RetryableError("account_busy", f"account {tenant_id} kept changing; retry")

    async def _replace(self, current: AccountRecord, changed: AccountRecord) -> bool:
        doc = changed.model_dump(exclude={"tenant_id"}) | {
            "_id": current.tenant_id,
            "version": current.version + 1,
        }
        if current.version == 0:
            try:
                await self._accounts.insert_one(doc)
            except DuplicateKeyError:
                return False
            return True
        done = await self._accounts.replace_one(
            {"_id": current.tenant_id, "version": current.version}, doc
        )
        return done.matched_count == 1


def _current(account: AccountRecord) -> AccountRecord:
    period = period_of()
    if account.period == period:
        return account
    fresh = account.view().in_period(period)
    return account.model_copy(
        update=fresh.model_dump(include={"period", "images_used", "videos_used", "committed"})
    )


# --- pure changes ------------------------------------------------------------------------------


def reserve(job_id: str, cost: Estimate) -> Change[Refusal | None]:
    """Hold the job's credits and allowances, unless the rules refuse (then nothing changes)."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, Refusal | None]:
        if job_id in account.holds:
            return None, None
        view = account.view()
        refused = refusal(view, cost)
        if refused is not None:
            return None, refused
        drawn = draw(view, cost) or Draw()
        hold = Hold(
            credits=cost.credits,
            draw_images_plan=drawn.images_plan,
            draw_images_pack=drawn.images_pack,
            draw_videos_plan=drawn.videos_plan,
            draw_videos_pack=drawn.videos_pack,
            period=account.period,
        )
        held = after(view, cost, drawn).model_dump()
        return account.model_copy(update=held | {"holds": account.holds | {job_id: hold}}), None

    return decide


def settle(job_id: str, charged: int | None) -> Change[Hold | None]:
    """End a hold: keep `charged` credits (at most the hold), or with None give all of it back."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, Hold | None]:
        hold = account.holds.get(job_id)
        if hold is None:
            return None, None
        kept = 0 if charged is None else min(charged, hold.credits)
        update: dict[str, object] = {
            "available": account.available + hold.credits - kept,
            "reserved": account.reserved - hold.credits,
            "holds": {job: h for job, h in account.holds.items() if job != job_id},
        }
        same_month = hold.period == account.period
        if same_month:
            update["committed"] = account.committed - (hold.credits - kept)
        if charged is None:
            update |= _give_back(account, hold, same_month)
        return account.model_copy(update=update), hold

    return decide


def _give_back(account: AccountRecord, hold: Hold, same_month: bool) -> dict[str, object]:
    """A released job returns its pack draws, and its plan draws while the month is the same."""
    return {
        "images_used": account.images_used - (hold.draw_images_plan if same_month else 0),
        "videos_used": account.videos_used - (hold.draw_videos_plan if same_month else 0),
        "pack_images_left": account.pack_images_left + hold.draw_images_pack,
        "pack_videos_left": account.pack_videos_left + hold.draw_videos_pack,
    }


def grant(credits: int, images: int = 0, videos: int = 0) -> Change[AccountRecord]:
    """Add credits, and pack images or videos (a top-up or a pack purchase)."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, AccountRecord]:
        changed = account.model_copy(
            update={
                "available": account.available + credits,
                "pack_images_left": account.pack_images_left + images,
                "pack_videos_left": account.pack_videos_left + videos,
            }
        )
        return changed, changed

    return decide


def configure(**settings: str | int | None) -> Change[AccountRecord]:
    """Set `plan` and/or `budget_cap`."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, AccountRecord]:
        changed = account.model_copy(update=settings)
        return changed, changed

    return decide


def account_public(account: AccountRecord) -> AccountPublic:
    """How the API shows an account."""
    plan = account.plan_spec
    return AccountPublic(
        tenant_id=account.tenant_id,
        plan=PlanPublic(
            **plan.model_dump(exclude={"features", "rate_limit"}),
            features=sorted(plan.features),
        ),
        balance=account.available,
        balance_usd=account.available * CREDIT_USD,
        reserved=account.reserved,
        period=account.period,
        images=_allowance(account.images_used, plan.monthly_images, account.pack_images_left),
        videos=_allowance(account.videos_used, plan.monthly_videos, account.pack_videos_left),
        committed=account.committed,
        budget_cap=account.budget_cap,
    )


def _allowance(used: int, monthly: int | None, packs_left: int) -> AllowancePublic:
    left = None if monthly is None else max(0, monthly - used) + packs_left
    return AllowancePublic(used=used, monthly=monthly, packs_left=packs_left, left=left)
