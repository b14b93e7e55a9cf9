"""The pre-flight of every job: price it, check plan, allowances, budget cap and balance, and hold
the price, atomically and once per job id; then hand it to its worker's lane (the `run` command
is the job's approval) or reject it with a machine-readable reason. A redelivered request gets
the recorded decision again.

Requests come a batch at a time: the batch's earlier decisions are read together, its holds are
made per tenant in one account write (`Accounts` groups concurrent changes), its decisions stored
together and its commands published together.
"""

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from contracts import topics
from contracts.billing.estimates import Estimate, UnpricedError, estimate
from contracts.billing.rules import Refusal
from contracts.events import (
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
from services.billing.decisions import Decision, Decisions
from services.billing.metrics import CREDITS, DECISIONS
from shared.bus import EventBus, Outgoing

SOURCE = f"/services/{SERVICE}"
log = logging.getLogger(__name__)


@dataclass
class Preflight:
    bus: EventBus
    accounts: Accounts
    decisions: Decisions

    async def check(self, requests: list[JobRequestedEvent]) -> None:
        """Decide once per job; announce each decision (again, on a redelivery)."""
        requests = list({request.job_id: request for request in requests}.values())
        earlier = await self.decisions.get_all([request.job_id for request in requests])
        fresh = [request for request in requests if request.job_id not in earlier]
        decided = {d.job_id: d for d in await self._decide(fresh)}
        settled = await self._settled_already([r for r in requests if r.job_id in earlier])
        outgoing: list[Outgoing] = []
        for request in requests:
            decision = earlier.get(request.job_id) or decided[request.job_id]
            outgoing += _announcement(request, decision, run=request.job_id not in settled)
        await self.bus.publish_all(outgoing)

    async def _decide(self, requests: list[JobRequestedEvent]) -> list[Decision]:
        verdicts = await asyncio.gather(*(self._verdict(request) for request in requests))
        decisions = [_decision(r, v) for r, v in zip(requests, verdicts, strict=True)]
        decisions = await self.decisions.record_all(decisions)  # the first one stored wins
        for request, decision in zip(requests, decisions, strict=True):
            DECISIONS.labels(request.data.kind, decision.code or decision.outcome).inc()
        return decisions

    async def _verdict(self, request: JobRequestedEvent) -> Refusal | int:
        """A refusal, or the credits held (the tenant's holds of the batch go in one write)."""
        priced = _price(request)
        if isinstance(priced, Refusal):
            return priced
        discount = request.data.discount
        if discount is not None:
            priced = priced.model_copy(
                update={"credits": max(0, priced.credits - discount.credits_off)}
            )
        held = await self.accounts.change(
            request.tenant_id, reserve(request.job_id, priced, discount)
        )
        if isinstance(held, Refusal):
            return held
        CREDITS.labels("reserved").inc(held.credits)
        return held.credits

    async def _settled_already(self, redelivered: list[JobRequestedEvent]) -> set[str]:
        """Approved jobs of redelivered requests whose money is settled already: they are not
        sent to run again."""
        tenants = {request.tenant_id for request in redelivered}
        holds = {t: (await self.accounts.get(t)).holds for t in tenants}
        return {r.job_id for r in redelivered if r.job_id not in holds[r.tenant_id]}


def _decision(request: JobRequestedEvent, verdict: Refusal | int) -> Decision:
    details: dict[str, Any] = (
        {"outcome": "rejected", "code": verdict.code, "message": verdict.message}
        if isinstance(verdict, Refusal)
        else {"outcome": "approved", "credits": verdict}
    )
    return Decision(_id=request.job_id, tenant_id=request.tenant_id, **details)


def _announcement(request: JobRequestedEvent, decision: Decision, *, run: bool) -> list[Outgoing]:
    """The `rejected` event, or the `run` command to the job's worker (none for a job whose
    money was settled already)."""
    if decision.outcome == "rejected":
        code = decision.code or RejectionCode.UNKNOWN_KIND
        rejected = JobRejected(code=code, message=decision.message or "")
        event = follow_up(request, JobRejectedEvent, rejected, source=SOURCE, fact="rejected")
        return [(topics.event_topic(event.lane), event)]
    if not run:
        log.info("the job's money is settled already: it is not sent to run again")
        return []
    # the request was validated as it came in: its parts are taken as they are
    spec = RunJob.model_construct(**dict(request.data), credits_reserved=decision.credits)
    command = follow_up(request, RunJobEvent, spec, source=SOURCE, fact="run")
    service = JOB_KINDS[request.data.kind].service
    return [(topics.work_topic(service, request.lane), command)]


def _price(request: JobRequestedEvent) -> Estimate | Refusal:
    if request.data.kind not in JOB_KINDS:
        return Refusal(RejectionCode.UNKNOWN_KIND, f"unknown kind {request.data.kind}")
    try:
        return estimate(request.data.kind, parse_params(request.data.kind, request.data.params))
    except (ValidationError, UnpricedError) as exc:
        return Refusal(RejectionCode.INVALID_PARAMS, str(exc))
