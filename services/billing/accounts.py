"""Accounts: plan, balance, holds and this month's counters, one document per tenant.

Every change is a compare-and-set on the document's `version`: read, decide in pure code
(`services/billing/changes.py`), replace if nobody changed it meanwhile, else retry. So concurrent
reservations never overspend. A job's hold lives in its tenant's document, which makes reserving
and settling idempotent by job id.

A tenant's changes queue in this process; those that arrived while one write was in flight go
together in the next (one read, one replace, their entries appended at once), applied in arrival
order. So a campaign's reservations and settlements are not bound by one database round trip each.

The ledger entries a change makes travel in the same document (its `outbox`) and are appended to
the ledger right after, and again before the next change and at start-up (appends are idempotent
by entry id). So the balance and the ledger can never tell different stories for long, whatever
crashes in between.
"""

import asyncio
import random
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

from pydantic import BaseModel, Field
from pymongo.errors import DuplicateKeyError

from contracts.billing import CREDIT_USD
from contracts.billing.rules import AccountView, period_of
from contracts.http.billing import AccountPublic, AllowancePublic, PlanPublic
from services.billing.ledger import Ledger, LedgerEntry
from shared.database import Database, Index, now_ms
from shared.errors import RetryableError

COLLECTION = "billing_accounts"
INDEXES: dict[str, list[Index]] = {COLLECTION: []}
CAS_ATTEMPTS = 50
WRITTEN_MEMORY = 10_000
T = TypeVar("T")
Change = Callable[["AccountRecord"], tuple["AccountRecord | None", T]]
"""A pure account change: the new account (None: leave it) and a result."""


class Hold(BaseModel):
    """Credits and allowances a running job holds until it ends."""

    credits: int
    images: int = 0
    videos: int = 0
    draw_images_plan: int = 0
    draw_images_pack: int = 0
    draw_videos_plan: int = 0
    draw_videos_pack: int = 0
    period: str
    credits_off: int = Field(default=0, description="A volume discount: off what it costs.")
    discount: str | None = Field(default=None, description="The discount's name.")
    held_at_ms: int = Field(default_factory=now_ms)


class AccountRecord(AccountView):
    version: int = 0
    holds: dict[str, Hold] = Field(default_factory=dict)
    outbox: list[LedgerEntry] = Field(
        default_factory=list, description="Ledger entries of the last change."
    )
    created_at_ms: int = Field(default_factory=now_ms)

    def view(self) -> AccountView:
        return AccountView.model_validate(self.model_dump(include=set(AccountView.model_fields)))

    def current(self) -> Self:
        """As of this month: a new month starts its counters from zero."""
        return self.in_period(period_of())


@dataclass
class _Queued:
    decide: Change[Any]
    result: asyncio.Future[Any] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class Accounts:
    """The account collection; changes go through `change`, a compare-and-set loop."""

    def __init__(self, db: Database, ledger: Ledger) -> None:
        self._accounts = db[COLLECTION]
        self._ledger = ledger
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._queued: defaultdict[str, list[_Queued]] = defaultdict(list)
        self._written: OrderedDict[str, None] = OrderedDict()  # entries this process appended

    async def get(self, tenant_id: str) -> AccountRecord:
        """The tenant's account, as of this month (a tenant never seen has a default one)."""
        doc = await self._accounts.find_one({"_id": tenant_id})
        if doc is None:
            return AccountRecord(tenant_id=tenant_id)
        return AccountRecord.model_validate(doc | {"tenant_id": doc["_id"]}).current()

    async def all_ids(self) -> list[str]:
        return [doc["_id"] async for doc in self._accounts.find({}, {"_id": 1})]

    async def change(self, tenant_id: str, decide: Change[T]) -> T:
        """Apply a pure change atomically, and write its ledger entries. Changes of one tenant
        queue here first (so this instance's own changes never collide), and whoever gets the
        turn applies every change queued by then, in one write. The write runs to its end even
        if its caller is cancelled: other callers' changes ride on it."""
        queued = _Queued(decide)
        self._queued[tenant_id].append(queued)
        async with self._locks[tenant_id]:
            group = self._queued.pop(tenant_id, [])
            if group:
                await asyncio.shield(self._apply(tenant_id, group))
        result: T = await queued.result  # set by whoever applied the group it went with
        return result

    async def flush(self, tenant_id: str) -> None:
        """Write the ledger entries of the account's last change (a no-op when written)."""
        await self._write((await self.get(tenant_id)).outbox)

    async def _apply(self, tenant_id: str, group: list[_Queued]) -> None:
        try:
            outcomes = await self._change(tenant_id, [queued.decide for queued in group])
        except Exception as exc:
            outcomes = [exc] * len(group)
        for queued, outcome in zip(group, outcomes, strict=True):
            if queued.result.done():  # its caller was cancelled meanwhile
                continue
            if isinstance(outcome, Exception):
                queued.result.set_exception(outcome)
            else:
                queued.result.set_result(outcome)

    async def _change(self, tenant_id: str, decides: list[Change[Any]]) -> list[Any]:
        """Apply the changes one after the other to the account, then write it once. Each
        change sees the entries of the earlier ones in the outbox; one that raises leaves the
        account as it was and gets its exception back as its result."""
        for _ in range(CAS_ATTEMPTS):
            current = await self.get(tenant_id)
            account, entries, outcomes = current, list[LedgerEntry](), list[Any]()
            for decide in decides:
                try:
                    changed, result = decide(account)
                except Exception as exc:
                    outcomes.append(exc)
                    continue
                if changed is not None:
                    entries += changed.outbox
                    account = changed.model_copy(update={"outbox": current.outbox + entries})
                outcomes.append(result)
            if account is current:
                return outcomes
            await self._write(current.outbox)
            if await self._replace(current, account.model_copy(update={"outbox": entries})):
                await self._write(entries)
                return outcomes
            await asyncio.sleep(random.uniform(0, 0.01))
        raise RetryableError("account_busy", f"account {tenant_id} kept changing; retry")

    async def _write(self, entries: list[LedgerEntry]) -> None:
        unwritten = [entry for entry in entries if entry.id not in self._written]
        await self._ledger.append_all(unwritten)
        for entry in unwritten:
            self._written[entry.id] = None
            if len(self._written) > WRITTEN_MEMORY:
                self._written.popitem(last=False)

    async def _replace(self, current: AccountRecord, changed: AccountRecord) -> bool:
        doc = changed.model_dump(mode="json", by_alias=True, exclude={"tenant_id"}) | {
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
