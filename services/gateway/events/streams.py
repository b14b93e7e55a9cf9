"""A client's event stream: what it missed (replayed from history), then live events, no duplicates.

The live subscription opens before the history is read, and the projector stores an event before
fanning it out, so nothing falls between the two.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass

from services.gateway.events.fanout import Fanout
from services.gateway.events.history import History, StoredEvent
from services.gateway.jobs.records import Jobs
from shared.errors import PermanentError


@dataclass(frozen=True)
class Opener:
    """Who opens a stream: the tenant, and the hash of the API key it used (the stream ends when
    that key is revoked)."""

    tenant_id: str
    key_hash: str


@dataclass
class Streams:
    jobs: Jobs
    history: History
    fanout: Fanout

    async def check_jobs(self, tenant_id: str, job_ids: list[str]) -> None:
        """Refuse a filter naming jobs the tenant does not own (404, as for any foreign id)."""
        if job_ids and await self.jobs.count_owned(tenant_id, job_ids) != len(set(job_ids)):
            raise PermanentError("not_found", "no such job")

    async def events(
        self,
        opener: Opener,
        job_ids: list[str],
        last_event_id: str | None,
        batch_id: str | None = None,
    ) -> AsyncIterator[StoredEvent]:
        """Replayed then live events, each once. A job or batch filter replays those jobs'
        events (after `last_event_id` when given); without one, the tenant's events after
        `last_event_id`. Raises `RevokedError` once the opener's key is revoked."""
        tenant_id = opener.tenant_id
        jobs = frozenset(job_ids) if job_ids else None
        with self.fanout.subscribe(tenant_id, jobs, batch_id, key_hash=opener.key_hash) as live:
            seen: set[str] = set()
            replayed = self.history.replay(tenant_id, job_ids, last_event_id, batch_id)
            async for event in replayed:
                live.check()
                seen.add(event.id)
                yield event
            async for event in live.events():
                if event.id not in seen:
                    yield event
