"""Reconciliation: every account's balance must equal its ledger's sum, and `reserved` its holds.

At start-up, before anything is consumed, drift is repaired from the ledger (the truth); later
passes only measure it, since an operation in flight legitimately sits between its two writes.
"""

import asyncio
import logging
from dataclasses import dataclass

from services.billing.accounts import AccountRecord, Accounts, Change
from services.billing.ledger import Ledger
from services.billing.metrics import DRIFT, DRIFTING_ACCOUNTS

log = logging.getLogger(__name__)


@dataclass
class Reconciler:
    accounts: Accounts
    ledger: Ledger
    every_s: float

    async def repair(self) -> int:
        """Set every drifting account from its ledger; returns the total drift found."""
        return await self._pass(repair=True)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.every_s)
            await self._pass(repair=False)

    async def _pass(self, repair: bool) -> int:
        total, drifting = 0, 0
        for tenant_id in await self.accounts.all_ids():
            account = await self.accounts.get(tenant_id)
            truth = await self.ledger.balance(tenant_id)
            held = sum(hold.credits for hold in account.holds.values())
            drift = abs(account.available - truth) + abs(account.reserved - held)
            if drift:
                drifting += 1
                total += drift
                log.warning("account %s drifts by %d credits", tenant_id, drift)
                if repair:
                    await self.accounts.change(tenant_id, _from_ledger(truth))
        DRIFT.set(0 if repair else total)
        DRIFTING_ACCOUNTS.set(0 if repair else drifting)
        return total


def _from_ledger(truth: int) -> Change[None]:
    def decide(account: AccountRecord) -> tuple[AccountRecord | None, None]:
        held = sum(hold.credits for hold in account.holds.values())
        return account.model_copy(update={"available": truth, "reserved": held}), None

    return decide
