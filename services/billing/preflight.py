"""The pre-flight of a requested job: approve it and hand it to its worker's lane, or reject it.

For now every known kind is approved at no charge; plans, quotas and credits come next.
"""

from dataclasses import dataclass

from contracts import topics
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
from contracts.jobs import JOB_KINDS
from services.billing import SERVICE
from services.billing.metrics import DECISIONS
from shared.bus import EventBus

SOURCE = f"/services/{SERVICE}"


@dataclass
class Preflight:
    bus: EventBus

    async def check(self, request: JobRequestedEvent) -> None:
        """Approve and forward, idempotently: a redelivered request forwards the same command."""
        spec = JOB_KINDS.get(request.data.kind)
        if spec is None:
            await self._reject(
                request, RejectionCode.UNKNOWN_KIND, f"unknown kind {request.data.kind}"
            )
            return
        approved = JobApproved(kind=request.data.kind, credits_reserved=0)
        await self.bus.publish(
            topics.JOB_EVENTS,
            follow_up(request, JobApprovedEvent, approved, source=SOURCE, fact="approved"),
        )
        run = RunJob(**request.data.model_dump(), credits_reserved=approved.credits_reserved)
        command = follow_up(request, RunJobEvent, run, source=SOURCE, fact="run")
        await self.bus.publish(topics.work_topic(spec.service, request.data.lane), command)
        DECISIONS.labels(request.data.kind, "approved").inc()

    async def _reject(self, request: JobRequestedEvent, code: RejectionCode, message: str) -> None:
        rejected = JobRejected(code=code, message=message)
        event = follow_up(request, JobRejectedEvent, rejected, source=SOURCE, fact="rejected")
        await self.bus.publish(topics.JOB_EVENTS, event)
        DECISIONS.labels(request.data.kind, "rejected").inc()
