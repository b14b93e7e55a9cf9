"""The pre-flight of every job, and the settlement of its money when it ends.

On `job.requested`: price the job, check plan, allowances, budget cap and balance, and hold the
price, atomically and once per job id; then approve and forward it to its worker's lane, or
reject it with a machine-readable reason. On `completed`: keep what the job actually cost (never
more than held). On `failed`, `cancelled`: give everything back.
"""

import logging
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from contracts import topics
from contracts.billing.estimates import Estimate, UnpricedError, estimate
from contracts.billing.rules import Refusal, refusal
from contracts.events import (
    JobApproved,
    JobApprovedEvent,
    JobCancelledEvent,
    JobCompletedEvent,
    JobEvent,
    JobFailedEvent,
    JobRejected,
    JobRejectedEvent,
    JobRequestedEvent,
    RejectionCode,
    RunJob,
    RunJobEvent,
    follow_up,
)
from contracts.http.billing import LedgerKind
from contracts.jobs import JOB_KINDS, parse_params
from services.billing import SERVICE
from services.billing.accounts import Accounts, reserve, settle
from services.billing.decisions import Decision, Decisions, Outcome
from services.billing.ledger import Ledger, LedgerEntry
from services.billing.metrics import CREDITS, DECISIONS
from shared.bus import EventBus

SOURCE = f"/services/{SERVICE}"
PLAN_CODES = {RejectionCode.FEATURE_NOT_IN_PLAN, RejectionCode.RESOLUTION_NOT_IN_PLAN}
log = logging.getLogger(__name__)


@dataclass
class Preflight:
    bus: EventBus
    accounts: Accounts
    ledger: Ledger
    decisions: Decisions

    async def check(self, request: JobRequestedEvent) -> None:
        """Decide once per job; a redelivered request gets the recorded decision again."""
        decision = await self.decisions.get(request.job_id) or await self._decide(request)
        await self._announce(request, decision)

    async def settle(self, event: JobEvent) -> None:
        """Capture on `completed`; release on `failed` or `cancelled`; others are not money."""
        if isinstance(event, JobCompletedEvent):
            await self._end_hold(event, charged=event.data.cost.credits)
        elif isinstance(event, JobFailedEvent | JobCancelledEvent):
            await self._end_hold(event, charged=None)

    async def _decide(self, request: JobRequestedEvent) -> Decision:
        priced = _price(request)
        if isinstance(priced, Refusal):
            return await self._reject(request, priced)
        if not JOB_KINDS[request.data.kind].available:
            return await self._reject(request, await self._unavailable(request, priced))
        refused = await self.accounts.change(request.tenant_id, reserve(request.job_id, priced))
        if refused is not None:
            return await self._reject(request, refused)
        await self.ledger.append(_reservation(request, priced))
        CREDITS.labels("reserved").inc(priced.credits)
        DECISIONS.labels(request.data.kind, "approved").inc()
        return await self._record(request, "approved", credits=priced.credits)

    async def _unavailable(self, request: JobRequestedEvent, cost: Estimate) -> Refusal:
        """A kind priced but not served yet: the plan's verdict first, then "not here yet"."""
        account = await self.accounts.get(request.tenant_id)
        refused = refusal(account.view(), cost)
        if refused is not None and refused.code in PLAN_CODES:
            return refused
        return Refusal(RejectionCode.UNKNOWN_KIND, f"{request.data.kind} is not served yet")

    async def _reject(self, request: JobRequestedEvent, refused: Refusal) -> Decision:
        DECISIONS.labels(request.data.kind, refused.code.value).inc()
        return await self._record(request, "rejected", code=refused.code, message=refused.message)

    async def _record(
        self, request: JobRequestedEvent, outcome: Outcome, **details: Any
    ) -> Decision:
        decision = Decision(
            _id=request.job_id, tenant_id=request.tenant_id, outcome=outcome, **details
        )
        await self.decisions.record(decision)
        return decision

    async def _announce(self, request: JobRequestedEvent, decision: Decision) -> None:
        if decision.outcome == "rejected" and decision.code is not None:
            rejected = JobRejected(code=decision.code, message=decision.message or "")
            event = follow_up(request, JobRejectedEvent, rejected, source=SOURCE, fact="rejected")
            await self.bus.publish(topics.JOB_EVENTS, event)
            return
        approved = JobApproved(kind=request.data.kind, credits_reserved=decision.credits)
        await self.bus.publish(
            topics.JOB_EVENTS,
            follow_up(request, JobApprovedEvent, approved, source=SOURCE, fact="approved"),
        )
        run = RunJob(**request.data.model_dump(), credits_reserved=decision.credits)
        command = follow_up(request, RunJobEvent, run, source=SOURCE, fact="run")
        service = JOB_KINDS[request.data.kind].service
        await self.bus.publish(topics.work_topic(service, request.data.lane), command)

    async def _end_hold(self, event: JobEvent, charged: int | None) -> None:
        hold = await self.accounts.change(event.tenant_id, settle(event.job_id, charged))
        held = hold.credits if hold is not None else await self._unsettled(event.job_id)
        if held is None:
            return
        if charged is None:
            await self.ledger.append(_settlement(event, LedgerKind.RELEASE, held, 0))
            CREDITS.labels("released").inc(held)
            return
        kept = min(charged, held)
        await self.ledger.append(_settlement(event, LedgerKind.CAPTURE, held - kept, kept))
        CREDITS.labels("captured").inc(kept)

    async def _unsettled(self, job_id: str) -> int | None:
        """Credits of a hold already ended in the account but not yet in the ledger (a crash
        between the two), or None when there is nothing left to write."""
        reserved = await self.ledger.get(f"{job_id}:reserve")
        if reserved is None:
            return None
        for kind in (LedgerKind.CAPTURE, LedgerKind.RELEASE):
            if await self.ledger.get(f"{job_id}:{kind.value}") is not None:
                return None
        return -reserved.credits


def _price(request: JobRequestedEvent) -> Estimate | Refusal:
    if request.data.kind not in JOB_KINDS:
        return Refusal(RejectionCode.UNKNOWN_KIND, f"unknown kind {request.data.kind}")
    try:
        return estimate(request.data.kind, parse_params(request.data.kind, request.data.params))
    except (ValidationError, UnpricedError) as exc:
        return Refusal(RejectionCode.INVALID_PARAMS, str(exc))


def _reservation(request: JobRequestedEvent, cost: Estimate) -> LedgerEntry:
    return LedgerEntry(
        _id=f"{request.job_id}:reserve",
        tenant_id=request.tenant_id,
        kind=LedgerKind.RESERVE,
        credits=-cost.credits,
        job_id=request.job_id,
        operation=cost.operation,
        provider=cost.provider,
    )


def _settlement(event: JobEvent, kind: LedgerKind, credits: int, charged: int) -> LedgerEntry:
    completed = event.data if isinstance(event, JobCompletedEvent) else None
    return LedgerEntry(
        _id=f"{event.job_id}:{kind.value}",
        tenant_id=event.tenant_id,
        kind=kind,
        credits=credits,
        job_id=event.job_id,
        operation=completed.kind if completed else None,
        provider=completed.provider if completed else None,
        charged=charged,
        usd=str(completed.cost.usd) if completed else "0",
    )
