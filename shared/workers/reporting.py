"""How a worker tells the platform about a job it runs: lifecycle events on the job's lane, and
its one ending (recorded first, so a redelivered job announces the same ending again)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from contracts import topics
from contracts.envelope import CloudEvent
from contracts.events import (
    STATUS_OF,
    JobCompleted,
    JobCompletedEvent,
    JobFailed,
    JobFailedEvent,
    JobProgress,
    JobProgressEvent,
    JobStarted,
    JobStartedEvent,
    RunJobEvent,
    follow_up,
)
from shared.bus import EventBus
from shared.errors import StudioError
from shared.workers.runs import FinalEvent, Runs

Ended = Callable[[str, str], None]
"""Counts an ending: (job kind, outcome)."""


@dataclass(frozen=True)
class JobReporter:
    """The events of one worker service (`service` names it as their source)."""

    bus: EventBus
    runs: Runs
    service: str
    ended: Ended

    @property
    def source(self) -> str:
        return f"/services/{self.service}"

    async def _emit(
        self,
        job: RunJobEvent,
        event_type: type[CloudEvent[Any]],
        data: BaseModel,
        fact: str | None = None,
    ) -> None:
        """Publish a lifecycle event of the job (`fact` names it; the event type's by default)."""
        fact = fact or str(event_type.model_fields["type"].default).rsplit(".", 1)[-1]
        event = follow_up(job, event_type, data, source=self.source, fact=fact)
        await self.bus.publish(topics.event_topic(event.lane), event)

    async def started(self, job: RunJobEvent) -> None:
        """Announce that the job's work has begun (its inputs read and checked)."""
        await self._emit(job, JobStartedEvent, JobStarted(kind=job.data.kind, service=self.service))

    async def progress(self, job: RunJobEvent, percent: int, message: str) -> None:
        """Announce how far the job has come (one event per percent reached)."""
        progress = JobProgress(percent=percent, message=message)
        await self._emit(job, JobProgressEvent, progress, fact=f"progress:{percent}")

    async def complete(self, job: RunJobEvent, completed: JobCompleted) -> None:
        """End the job `completed` (with its params, for the library)."""
        completed = completed.model_copy(update={"params": job.data.params})
        ending = follow_up(job, JobCompletedEvent, completed, source=self.source, fact="completed")
        await self.end(job, ending)

    async def end(self, job: RunJobEvent, ending: FinalEvent) -> None:
        """Record and announce the job's ending (counted once, when it is the first)."""
        if await self.runs.announce(self.bus, ending):
            self.ended(job.data.kind, STATUS_OF[ending.type].value)

    async def fail(self, job: RunJobEvent, error: StudioError) -> None:
        """End the job `failed` with the error's code (and the provider attempts made, if any)."""
        failed = JobFailed(
            code=error.code,
            message=error.public_message,
            retriable=error.retriable,
            attempts=getattr(error, "attempts", []),
        )
        ending = follow_up(job, JobFailedEvent, failed, source=self.source, fact="failed")
        await self.end(job, ending)
