"""Reconciliation: every account's balance must equal its ledger's sum, and `reserved` its holds.

At start-up, before anything is consumed, each account's pending ledger entries are written and
any remaining drift is repaired from the ledger (the truth). Later passes measure drift and
release holds whose job never ended (an ending the broker lost), so no hold lives forever.
Repair sets each account to what its ledger says, so replicas starting together may all run
it; the periodic passes run on the one replica holding the reconciler's lease.
"""

import logging
from dataclasses import dataclass

from services.billing.accounts import AccountRecord, Accounts
from services.billing.changes import Ending, from_ledger, settle
from services.billing.ledger import Ledger
from services.billing.metrics import DRIFT, DRIFTING_ACCOUNTS, EXPIRED_HOLDS, REPAIRED
from shared.database import now_ms
from shared.leases import Lease

log = logging.getLogger(__name__)


@dataclass
class Reconciler:
    accounts: Accounts
    ledger: Ledger
    every_s: float
    hold_ttl_s: float
    lease: Lease

    async def repair(self) -> int:
        """Write pending entries, then set every drifting account from its ledger; returns the
        drift repaired."""
        repaired = 0
        for tenant_id in await self.accounts.all_ids():
            await self.accounts.flush(tenant_id)
            drift, truth = await self._drift(await self.accounts.get(tenant_id))
            if drift:
                log.warning("account %s drifts by %d credits: repaired", tenant_id, drift)
                await self.accounts.change(tenant_id, from_ledger(truth))
                repaired += drift
        REPAIRED.inc(repaired)
        return repaired

    async def run(self) -> None:
        await self.lease.run_every(self.every_s, self._pass)

    async def _pass(self) -> None:
        if await self.lease.hold():
            await self.measure()

    async def measure(self) -> None:
        """Report drift, and release holds older than `hold_ttl_s`."""
        total, drifting = 0, 0
        for tenant_id in await self.accounts.all_ids():
            account = await self.accounts.get(tenant_id)
            await self._expire(account)
            drift, _ = await self._drift(account)
            if drift and (await self.accounts.get(tenant_id)).version == account.version:
                total, drifting = total + drift, drifting + 1
        DRIFT.set(total)
        DRIFTING_ACCOUNTS.set(drifting)

    async def _drift(self, account: AccountRecord) -> tuple[int, int]:
        truth = await self.ledger.balance(account.tenant_id)
        held = sum(hold.credits for hold in account.holds.values())
        return abs(account.available - truth) + abs(account.reserved - held), truth

    async def _expire(self, account: AccountRecord) -> None:
        oldest = now_ms() - int(self.hold_ttl_s * 1000)
        for job_id, hold in account.holds.items():
            if hold.held_at_ms < oldest:
                log.warning("job %s never ended: its hold is released", job_id)
                await self.accounts.change(account.tenant_id, settle(job_id, Ending(charged=None)))
                EXPIRED_HOLDS.inc()
