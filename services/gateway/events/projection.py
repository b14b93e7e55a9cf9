"""Projecting job events, a batch at a time: onto job records (statuses only move forward; the
first ending wins; an event of an ended or unknown job is dropped), into the history clients
replay from, to webhook deliveries, and out to this process's connected clients.

A batch costs a handful of round trips whatever its size: the jobs' states are read together, the
moves written together, the events stored together and the deliveries queued together. The
history is written before anything is pushed, so a client that reads it and then listens live
misses nothing.
"""

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from contracts.events import (
    STATUS_OF,
    JobCancelledEvent,
    JobCompletedEvent,
    JobEvent,
    JobProgressEvent,
    Projected,
    lifecycle_of,
)
from contracts.jobs import JobStatus
from contracts.topics import LANES, Lane
from services.gateway.batches.follow_ups import FollowUps
from services.gateway.events.history import History
from services.gateway.events.moves import JobMoves, JobState, Move, as_charged, outcome_fields
from services.gateway.events.shown import Announce
from services.gateway.webhooks.records import Webhooks
from shared import metrics
from shared.database import now_ms
from shared.errors import RetryableError

log = logging.getLogger(__name__)
SEEN_EVENTS = 50_000
ANNOUNCE_RETRY_S = 0.2


@dataclass
class Projection:
    jobs: JobMoves
    history: History
    announce: Announce
    """Makes the stored events known to every projector's clients (`shown`)."""
    webhooks: Webhooks
    follow_ups: FollowUps | None = None
    """Records a watermarked batch's `edit.watermark` jobs before their source job completes."""
    _seen: OrderedDict[str, None] = field(default_factory=OrderedDict)
    _turns: dict[Lane, asyncio.Lock] = field(
        default_factory=lambda: {lane: asyncio.Lock() for lane in LANES}
    )

    async def project(self, records: Sequence[Projected]) -> None:
        """Project a batch (events already projected by this instance are skipped), in the
        order the events happened: a job's events come from several topics (its `run` command
        beside its `started` event), so the order they were read in is not quite theirs."""
        events = _unseen([lifecycle_of(record) for record in records], self._seen)
        events.sort(key=lambda event: event.time)
        for lane in LANES:  # a job's events all travel one lane
            laned = [event for event in events if event.lane == lane]
            if laned:
                await self._project(lane, laned)

    async def _project(self, lane: Lane, events: list[JobEvent]) -> None:
        async with self._turns[lane]:  # one batch of a lane at a time: its reads wait for writes
            states = await self.jobs.states(sorted({event.job_id for event in events}))
            shown, moves, moved = _apply(events, states)
            if self.follow_ups is not None:
                await self.follow_ups.record(_completing(shown, moved))
            await self.jobs.move_all(moves)
            await self.history.add_all(shown)
            await self.webhooks.enqueue_all(shown)
        await _announced(self.announce, shown)
        for event in events:
            self._remember(event.id)
        _count(moved, states)

    def _remember(self, event_id: str) -> None:
        self._seen[event_id] = None
        if len(self._seen) > SEEN_EVENTS:
            self._seen.popitem(last=False)


def _unseen(events: list[JobEvent], seen: OrderedDict[str, None]) -> list[JobEvent]:
    """Events not projected yet, each once, in order."""
    fresh: dict[str, JobEvent] = {}
    for event in events:
        if event.id not in seen and event.id not in fresh:
            fresh[event.id] = event
    return list(fresh.values())


def _apply(
    events: list[JobEvent], states: dict[str, JobState]
) -> tuple[list[JobEvent], list[Move], list[tuple[str, JobStatus]]]:
    """Apply the events in order to the jobs' states: the events to show, each job's move, and
    which (job, status) moves happened."""
    shown: list[JobEvent] = []
    changes: dict[str, Move] = {}
    moved: list[tuple[str, JobStatus]] = []
    for event in events:
        state = states.get(event.job_id)
        if state is None or state.tenant_id != event.tenant_id:
            log.info("%s of %s ignored: job unknown", event.type, event.job_id)
            continue
        if state.status.is_final:
            if _held_cancel(event, state):
                shown.append(event)
            else:
                log.info("%s of %s ignored: job already ended", event.type, event.job_id)
            continue
        charged = as_charged(event, state.credits_off)
        shown.append(charged)
        status = STATUS_OF[event.type]
        if not _moves(event, state.status, status):
            continue
        state.status = status
        earlier = changes.get(event.job_id)
        fields = (earlier.fields if earlier else {}) | outcome_fields(charged)
        changes[event.job_id] = Move(event.job_id, event.tenant_id, status, fields)
        moved.append((event.job_id, status))
    return shown, list(changes.values()), moved


def _held_cancel(event: JobEvent, state: JobState) -> bool:
    """Whether the event is the `cancelled` of a scheduled job, whose record the cancel moved
    before announcing it (shown again if redelivered: history and webhooks keep one per id)."""
    return isinstance(event, JobCancelledEvent) and state.status is JobStatus.CANCELLED


def _completing(
    shown: list[JobEvent], moved: list[tuple[str, JobStatus]]
) -> list[JobCompletedEvent]:
    """The `completed` events that move their jobs now."""
    done = {job_id for job_id, status in moved if status is JobStatus.COMPLETED}
    return [e for e in shown if isinstance(e, JobCompletedEvent) and e.job_id in done]


def _moves(event: JobEvent, current: JobStatus, status: JobStatus) -> bool:
    """Whether the event moves a job that stands at `current` (progress may repeat its rank)."""
    if status.is_final:
        return True
    if isinstance(event, JobProgressEvent):
        return status.rank >= current.rank
    return status.rank > current.rank


def _count(moved: list[tuple[str, JobStatus]], states: dict[str, JobState]) -> None:
    for job_id, status in moved:
        if status is JobStatus.RUNNING:
            continue
        state = states[job_id]
        metrics.JOBS.labels(state.kind, status.value).inc()
        if status.is_final:
            seconds = (now_ms() - state.created_at_ms) / 1000
            metrics.JOB_SECONDS.labels(state.kind, status.value).observe(seconds)


async def _announced(announce: Announce, shown: list[JobEvent]) -> None:
    """Announce until the bus takes it: the batch is moved and stored by now, so a redelivery of
    it would show nothing again and its clients would never see these events."""
    pause = ANNOUNCE_RETRY_S
    while True:
        try:
            await announce(shown)
            return
        except RetryableError as exc:
            log.warning("shown events not announced yet, trying again: %s", exc)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 5.0)
