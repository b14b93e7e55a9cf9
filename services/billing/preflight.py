"""The pre-flight of every job: price it, check plan, allowances, budget cap and balance, and hold
the price, atomically and once per job id; then approve it and hand it to its worker's lane, or
reject it with a machine-readable reason. A redelivered request gets the recorded decision again.
"""

import logging
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from contracts import topics
from contracts.billing.estimates import Estimate, UnpricedError, estimate
from contracts.billing.rules import Refusal
from contracts.events import (
    JobApproved,
    JobApprovedEvent,
    JobRejected,
    JobRejectedEvent,
    JobRequestedEvent,
    RejectionCode,
    RunJob,
    RunJobEvent,
    follow_up,
)
from contracts.jobs import JOB_KINDS, parse_params
from services.billing import SERVICE
from services.billing.accounts import Accounts
from services.billing.changes import reserve
from services.billing.decisions import Decision, Decisions, Outcome
from services.billing.metrics import CREDITS, DECISIONS
from shared.bus import EventBus

SOURCE = f"/services/{SERVICE}"
log = logging.getLogger(__name__)


@dataclass
class Preflight:
    bus: EventBus
    accounts: Accounts
    decisions: Decisions

    async def check(self, request: JobRequestedEvent) -> None:
        """Decide once per job; announce the decision (again, on a redelivery)."""
        earlier = await self.decisions.get(request.job_id)
        decision = earlier or await self._decide(request)
        if decision.outcome == "rejected":
            await self._reject(request, decision)
            return
        await self._approve(request, decision, redelivered=earlier is not None)

    async def _decide(self, request: JobRequestedEvent) -> Decision:
        priced = _price(request)
        if isinstance(priced, Refusal):
            return await self._record(request, priced)
        held = await self.accounts.change(request.tenant_id, reserve(request.job_id, priced))
        if isinstance(held, Refusal):
            return await self._record(request, held)
        CREDITS.labels("reserved").inc(held.credits)
        return await self._record(request, "approved", credits=held.credits)

    async def _record(
        self, request: JobRequestedEvent, verdict: Refusal | Outcome, **details: Any
    ) -> Decision:
        if isinstance(verdict, Refusal):
            outcome: Outcome = "rejected"
            details = {"code": verdict.code, "message": verdict.message}
        else:
            outcome = verdict
        decision = Decision(
            _id=request.job_id, tenant_id=request.tenant_id, outcome=outcome, **details
        )
        decision = await self.decisions.record(decision)  # the first one stored wins
        DECISIONS.labels(request.data.kind, decision.code or decision.outcome).inc()
        return decision

    async def _reject(self, request: JobRequestedEvent, decision: Decision) -> None:
        code = decision.code or RejectionCode.UNKNOWN_KIND
        rejected = JobRejected(code=code, message=decision.message or "")
        event = follow_up(request, JobRejectedEvent, rejected, source=SOURCE, fact="rejected")
        await self.bus.publish(topics.event_topic(event.lane), event)

    async def _approve(
        self, request: JobRequestedEvent, decision: Decision, redelivered: bool
    ) -> None:
        approved = JobApproved(kind=request.data.kind, credits_reserved=decision.credits)
        await self.bus.publish(
            topics.event_topic(request.lane),
            follow_up(request, JobApprovedEvent, approved, source=SOURCE, fact="approved"),
        )
        if redelivered and request.job_id not in (await self.accounts.get(request.tenant_id)).holds:
            log.info("the job's money is settled already: it is not sent to run again")
            return
        run = RunJob(**request.data.model_dump(), credits_reserved=decision.credits)
        command = follow_up(request, RunJobEvent, run, source=SOURCE, fact="run")
        service = JOB_KINDS[request.data.kind].service
        await self.bus.publish(topics.work_topic(service, request.lane), command)


def _price(request: JobRequestedEvent) -> Estimate | Refusal:
    if request.data.kind not in JOB_KINDS:
        return Refusal(RejectionCode.UNKNOWN_KIND, f"unknown kind {request.data.kind}")
    try:
        return estimate(request.data.kind, parse_params(request.data.kind, request.data.params))
    except (ValidationError, UnpricedError) as exc:
        return Refusal(RejectionCode.INVALID_PARAMS, str(exc))
