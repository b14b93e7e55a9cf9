"""The purger: every `purge_interval_s`, the replica holding its lease applies the tenants'
retention rules, then deletes for good the assets whose time in the trash is up."""

import logging
from dataclasses import dataclass

from prometheus_client import Counter

from services.library.trash.bin import TrashBin
from services.library.trash.retention import apply_rules
from shared.errors import RetryableError
from shared.leases import Lease

log = logging.getLogger(__name__)
PURGED = Counter("studio_library_purged_total", "Assets deleted for good from the trash.")
RETAINED = Counter("studio_library_retention_trashed_total", "Assets retention rules trashed.")


@dataclass(frozen=True)
class Pass:
    trashed: int
    purged: int


@dataclass
class Purger:
    trash: TrashBin
    lease: Lease
    interval_s: float
    batch: int

    async def run(self) -> None:
        await self.lease.run_every(self.interval_s, self.tick)

    async def tick(self) -> Pass | None:
        """A pass if this replica holds the purger's lease (None when another does)."""
        if not await self.lease.hold():
            return None
        try:
            return await self.sweep()
        except RetryableError as exc:
            log.warning("purge pass cut short; the next one goes on: %s", exc)
            return None

    async def sweep(self) -> Pass:
        trashed = await apply_rules(self.trash)
        RETAINED.inc(trashed)
        purged, full = 0, True
        while full:
            due = await self.trash.due(self.batch)
            done = sum([await self.trash.purge(t, ids) for t, ids in due.by_tenant.items()])
            purged += done
            full = due.count == self.batch and done > 0  # (0: what is due is not in the trash)
        PURGED.inc(purged)
        if purged:
            log.info("purged %d assets from the trash", purged)
        return Pass(trashed, purged)
