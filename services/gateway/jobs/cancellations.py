"""Cancelling jobs that have not started: a `cancel` command to the worker service of each, which
ends the job `cancelled` if no worker has taken it (billing then gives back what it held); a job
already running ends as it ends."""

import asyncio
from dataclasses import dataclass

from contracts.events import CancelJob, CancelJobEvent
from contracts.jobs import JOB_KINDS, JobStatus
from contracts.topics import control_topic
from services.gateway.jobs.records import JobRecord
from shared.bus import EventBus

NOT_STARTED = (JobStatus.ACCEPTED, JobStatus.APPROVED)
SENDERS = 32


@dataclass
class Cancellations:
    bus: EventBus

    async def cancel(self, jobs: list[JobRecord], reason: str) -> int:
        """Ask for each job not started yet to be cancelled; how many were asked."""
        waiting = [job for job in jobs if job.status in NOT_STARTED]
        gate = asyncio.Semaphore(SENDERS)

        async def one(job: JobRecord) -> None:
            async with gate:
                await self.bus.publish(
                    control_topic(JOB_KINDS[job.kind].service), _command(job, reason)
                )

        await asyncio.gather(*(one(job) for job in waiting))
        return len(waiting)


def _command(job: JobRecord, reason: str) -> CancelJobEvent:
    return job.command(CancelJobEvent, CancelJob(reason=reason), "cancel")
