"""In-process fan-out of job events to this gateway's connected clients (SSE and WebSocket)."""

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

from prometheus_client import Gauge

from services.gateway.events.history import StoredEvent

STREAM_CLIENTS = Gauge("studio_gateway_stream_clients", "Clients connected to event streams.")
QUEUE_SIZE = 1000


class OverflowedError(Exception):
    """The client read too slowly and missed events; it should reconnect with Last-Event-ID."""


class RevokedError(Exception):
    """The API key that opened the stream was revoked: the stream ends."""


class Subscriber:
    """One connected client's queue, filtered by job ids and batch (all the tenant's jobs when
    neither is given); `key_hash` is the hash of the API key that opened it."""

    def __init__(
        self, key_hash: str, job_ids: frozenset[str] | None, batch_id: str | None = None
    ) -> None:
        self.key_hash = key_hash
        self.job_ids = job_ids
        self.batch_id = batch_id
        self.queue: asyncio.Queue[StoredEvent | None] = asyncio.Queue(QUEUE_SIZE)
        self._ending: Exception | None = None
        """Why the stream ends, once it does (a None in the queue says it has)."""

    def wants(self, event: StoredEvent) -> bool:
        if self._ending is not None:
            return False
        if self.batch_id is not None and event.batch_id != self.batch_id:
            return False
        return self.job_ids is None or event.job_id in self.job_ids

    def offer(self, event: StoredEvent) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self._ending = OverflowedError()
            self.queue = asyncio.Queue(1)
            self.queue.put_nowait(None)

    def end(self, reason: Exception) -> None:
        """End the stream at once: what is still queued is dropped, the reader gets `reason`."""
        self._ending = reason
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(None)

    def check(self) -> None:
        """Raise why the stream ended, if it has (between replayed events, say)."""
        if self._ending is not None:
            raise self._ending

    async def events(self) -> AsyncIterator[StoredEvent]:
        while True:
            event = await self.queue.get()
            if event is None:
                raise self._ending or OverflowedError()
            yield event


class Fanout:
    """Subscribers by tenant; `publish` never blocks (a slow client is cut off instead)."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[Subscriber]] = defaultdict(set)

    @contextmanager
    def subscribe(
        self,
        tenant_id: str,
        job_ids: frozenset[str] | None,
        batch_id: str | None = None,
        *,
        key_hash: str,
    ) -> Iterator[Subscriber]:
        subscriber = Subscriber(key_hash, job_ids, batch_id)
        self._subscribers[tenant_id].add(subscriber)
        STREAM_CLIENTS.inc()
        try:
            yield subscriber
        finally:
            self._subscribers[tenant_id].discard(subscriber)
            if not self._subscribers[tenant_id]:
                del self._subscribers[tenant_id]
            STREAM_CLIENTS.dec()

    def publish(self, event: StoredEvent) -> None:
        for subscriber in self._subscribers.get(event.tenant_id, ()):
            if subscriber.wants(event):
                subscriber.offer(event)

    def key_hashes(self) -> set[str]:
        """The hashes of the API keys that opened the streams open now."""
        return {s.key_hash for subscribers in self._subscribers.values() for s in subscribers}

    def revoke(self, key_hashes: set[str]) -> int:
        """End every stream opened with one of these keys (`RevokedError`); how many were."""
        ended = [
            s
            for subscribers in self._subscribers.values()
            for s in subscribers
            if s.key_hash in key_hashes
        ]
        for subscriber in ended:
            subscriber.end(RevokedError())
        return len(ended)
