"""Settling a job's money when it ends: `completed` keeps what the job actually cost (never more
than held) and gives back unused allowance; `failed` and `cancelled` give everything back. A
batch of endings is settled per tenant in one account write (`Accounts` groups them)."""

import asyncio
import logging
from dataclasses import dataclass

from contracts.events import (
    EventType,
    JobCancelledEvent,
    JobCompletedEvent,
    JobEvent,
    JobFailedEvent,
)
from services.billing.accounts import Accounts
from services.billing.changes import Ending, settle
from services.billing.metrics import CREDITS, UNCHARGED

log = logging.getLogger(__name__)
ENDINGS = frozenset({EventType.COMPLETED, EventType.FAILED, EventType.CANCELLED})
"""The events that are money."""


@dataclass
class Settlement:
    accounts: Accounts

    async def settle_all(self, events: list[JobEvent]) -> None:
        await asyncio.gather(*(self.settle(event) for event in events))

    async def settle(self, event: JobEvent) -> None:
        """Settle on a job's ending; other events are not money."""
        if isinstance(event, JobCompletedEvent):
            done = event.data
            images = len(done.assets)
            ending = Ending(done.cost.credits, done.cost.usd, images, 0, done.kind, done.provider)
        elif isinstance(event, JobFailedEvent | JobCancelledEvent):
            ending = Ending(charged=None)
        else:
            return
        hold = await self.accounts.change(event.tenant_id, settle(event.job_id, ending))
        if ending.charged is None:
            CREDITS.labels("released").inc(hold.credits if hold else 0)
            return
        held = hold.credits if hold else 0
        due = ending.charged - (hold.credits_off if hold else 0)  # less a volume discount
        CREDITS.labels("captured").inc(max(0, min(due, held)))
        if due > held:  # the job's money was settled before, or it cost more than held
            log.warning("%d credits of this job are not charged", due - held)
            UNCHARGED.inc(due - held)
