"""Accounts and their ledger on the real MongoDB-wire server: a crash between the account write
and the ledger write splits nothing, and late endings move no money."""

import asyncio

import pytest

from contracts.billing.estimates import estimate
from contracts.billing.rules import Refusal, period_of
from contracts.events import Cost, JobCompleted, JobCompletedEvent
from contracts.http.billing import LedgerKind
from contracts.params.generate import GenerateParams, Quality
from services.billing.accounts import AccountRecord, Accounts, Hold
from services.billing.changes import Ending, grant, reserve, set_plan, settle
from services.billing.ledger import Ledger, LedgerEntry
from services.billing.metrics import UNCHARGED
from services.billing.reconcile import Reconciler
from services.billing.settlement import Settlement
from shared.database import Database
from shared.leases import Lease

DRAFTS = estimate("generate", GenerateParams(prompt="x", quality=Quality.DRAFT, variations=4))


class CrashingLedger(Ledger):
    """A ledger that dies appending one entry, as a process killed between two writes would."""

    crash_on: str | None = None

    async def append_all(self, entries: list[LedgerEntry]) -> None:
        if any(entry.id == self.crash_on for entry in entries):
            self.crash_on = None
            raise ConnectionError("killed")
        await super().append_all(entries)


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
    repaired = await Reconciler(
        after_restart, Ledger(db), every_s=60, hold_ttl_s=3600, lease=Lease(db, "r", ttl_s=60)
    ).repair()
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
    await Reconciler(
        accounts, Ledger(db), every_s=60, hold_ttl_s=0, lease=Lease(db, "r", ttl_s=60)
    ).measure()
    account = await accounts.get("ten_c")
    assert (account.available, account.reserved, account.holds) == (10, 0, {})
    assert account.period == period_of()


async def test_changes_queued_behind_a_write_go_together_in_arrival_order(db: Database) -> None:
    """30 reservations of 4 credits against 100 at once: the first 25 to arrive hold, the last 5
    are refused, a redelivery in the same group finds its hold; a few writes, not 31."""
    accounts = Accounts(db, Ledger(db))
    await accounts.change("ten_d", set_plan("enterprise"))  # no monthly image allowance
    await funded(accounts, "ten_d", 100)
    results = await asyncio.gather(
        *(accounts.change("ten_d", reserve(f"job_d{n}", DRAFTS)) for n in range(30)),
        accounts.change("ten_d", reserve("job_d0", DRAFTS)),
    )
    assert [isinstance(r, Hold) for r in results] == [True] * 25 + [False] * 5 + [True]
    assert {r.code for r in results if isinstance(r, Refusal)} == {"insufficient_credits"}
    account = await accounts.get("ten_d")
    assert (account.available, account.reserved, len(account.holds)) == (0, 100, 25)
    assert await Ledger(db).balance("ten_d") == 0
    assert account.version <= 4, "the queued changes went together"

    written = [e for e in [await Ledger(db).get(f"job_d{n}:reserve") for n in (1, 2)] if e]
    extra = LedgerEntry(_id="bonus:ten_d", tenant_id="ten_d", kind=LedgerKind.GRANT, credits=7)
    await Ledger(db).append_all([*written, extra])  # entries already there are skipped
    assert await Ledger(db).balance("ten_d") == 7


async def test_a_change_that_breaks_or_a_caller_cancelled_leaves_the_others_of_its_group(
    db: Database,
) -> None:
    accounts = Accounts(db, Ledger(db))
    await accounts.change("ten_e", set_plan("enterprise"))
    await funded(accounts, "ten_e", 100)

    def broken(account: AccountRecord) -> tuple[AccountRecord | None, None]:
        raise ValueError("a bug in one change")

    first = asyncio.create_task(accounts.change("ten_e", reserve("job_e0", DRAFTS)))
    await asyncio.sleep(0)  # it holds the turn; the next ones queue behind it
    queued = [
        asyncio.create_task(accounts.change("ten_e", reserve("job_e1", DRAFTS))),
        asyncio.create_task(accounts.change("ten_e", broken)),
        asyncio.create_task(accounts.change("ten_e", reserve("job_e2", DRAFTS))),
    ]
    await asyncio.sleep(0)
    first.cancel()  # the caller whose turn it is goes away: its write still ends
    results = await asyncio.gather(*queued, return_exceptions=True)
    assert isinstance(results[0], Hold)
    assert isinstance(results[2], Hold)
    assert isinstance(results[1], ValueError)
    account = await accounts.get("ten_e")
    assert set(account.holds) == {"job_e0", "job_e1", "job_e2"}
    assert (account.available, account.reserved) == (100 - 12, 12)
    assert await Ledger(db).balance("ten_e") == 100 - 12
