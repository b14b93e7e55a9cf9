"""Accounts and their ledger on the real MongoDB-wire server: a crash between the account write
and the ledger write splits nothing, and late endings move no money."""

import pytest

from contracts.billing.estimates import estimate
from contracts.billing.rules import period_of
from contracts.events import Cost, JobCompleted, JobCompletedEvent
from contracts.http.billing import LedgerKind
from contracts.params.generate import GenerateParams, Quality
from services.billing.accounts import Accounts
from services.billing.changes import Ending, grant, reserve, settle
from services.billing.ledger import Ledger, LedgerEntry
from services.billing.metrics import UNCHARGED
from services.billing.reconcile import Reconciler
from services.billing.settlement import Settlement
from shared.database import Database

DRAFTS = estimate("generate", GenerateParams(prompt="x", quality=Quality.DRAFT, variations=4))


class CrashingLedger(Ledger):
    """A ledger that dies appending one entry, as a process killed between two writes would."""

    crash_on: str | None = None

    async def append(self, entry: LedgerEntry) -> None:
        if entry.id == self.crash_on:
            self.crash_on = None
            raise ConnectionError("killed")
        await super().append(entry)


async def funded(accounts: Accounts, tenant_id: str, credits: int) -> None:
    kind = LedgerKind.GRANT
    entry = LedgerEntry(_id=f"grant:{tenant_id}", tenant_id=tenant_id, kind=kind, credits=credits)
    await accounts.change(tenant_id, grant(entry))


async def test_a_crash_between_account_and_ledger_is_completed_not_undone(db: Database) -> None:
    ledger = CrashingLedger(db)
    accounts = Accounts(db, ledger)
    await funded(accounts, "ten_a", 10)
    ledger.crash_on = "job_1:reserve"
    with pytest.raises(ConnectionError):
        await accounts.change("ten_a", reserve("job_1", DRAFTS))
    assert (await accounts.get("ten_a")).available == 6, "the account write happened"
    assert await ledger.balance("ten_a") == 10, "the ledger write did not"

    after_restart = Accounts(db, Ledger(db))
    repaired = await Reconciler(after_restart, Ledger(db), every_s=60, hold_ttl_s=3600).repair()
    assert repaired == 0, "the pending entry is written, nothing needs repairing"
    assert await Ledger(db).balance("ten_a") == 6
    assert (await after_restart.get("ten_a")).available == 6


async def test_an_ending_after_the_money_was_settled_moves_nothing(db: Database) -> None:
    accounts = Accounts(db, Ledger(db))
    await funded(accounts, "ten_b", 10)
    await accounts.change("ten_b", reserve("job_2", DRAFTS))
    await accounts.change("ten_b", settle("job_2", Ending(charged=None)))
    before = UNCHARGED._value.get()
    completed = JobCompletedEvent(
        id="job_2:completed",
        source="/tests",
        tenant_id="ten_b",
        job_id="job_2",
        data=JobCompleted(
            kind="generate", provider="local-draft", assets=[], cost=Cost(credits=4), duration_ms=1
        ),
    )
    await Settlement(accounts).settle(completed)
    account = await accounts.get("ten_b")
    assert (account.available, account.reserved) == (10, 0)
    assert await Ledger(db).balance("ten_b") == 10
    assert UNCHARGED._value.get() == before + 4


async def test_a_hold_whose_job_never_ended_is_released(db: Database) -> None:
    accounts = Accounts(db, Ledger(db))
    await funded(accounts, "ten_c", 10)
    await accounts.change("ten_c", reserve("job_3", DRAFTS))
    await Reconciler(accounts, Ledger(db), every_s=60, hold_ttl_s=0).measure()
    account = await accounts.get("ten_c")
    assert (account.available, account.reserved, account.holds) == (10, 0, {})
    assert account.period == period_of()
