"""The one way a service consumes: decode, handle with retries, settle, then commit.

Records are handled as they arrive, up to `concurrency` at once (a slow provider call holds one
slot, not the whole fetch), records of one key in order. Slots are shared fairly (`shared.slots`):
the bulk lane holds at most its share, and on work topics one tenant at most its cap; the consumer
reads ahead (up to `concurrency` records more) so records of other lanes and tenants are seen
while a capped one waits. A partition's offset is committed only up to its oldest record not yet
settled (handled, ended by a permanent error, or dead-lettered); commits run in the background.
While there is no room to read into, the consumer still polls now and then (every partition
paused), so the group never takes it for dead. A crash redelivers what was not committed, so
handlers are idempotent by job id / event id: delivery is at-least-once, effects happen once.
"""

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, ConsumerRecord, TopicPartition
from aiokafka.errors import IllegalStateError, KafkaError
from opentelemetry import trace
from pydantic import TypeAdapter, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_exponential

from contracts.envelope import CloudEvent
from contracts.events import CancelJobEvent, DeadLettered, DeadLetteredEvent, RunJobEvent
from contracts.topics import DEAD_LETTERS, LANES, Lane, control_topic, work_topic
from shared import metrics
from shared.bus import EventBus, connection_options
from shared.clients import Clients
from shared.errors import PermanentError, RetryableError, StudioError
from shared.retry import startup_retry
from shared.service import Loop, Runtime
from shared.settings import KafkaSettings, WorkerSettings
from shared.slots import Slots
from shared.telemetry import context_from_headers, log_context, tracer

log = logging.getLogger(__name__)
COMMIT_WITHIN_S = 10.0
POLL_MS = 1000
PAUSED_POLL_MS = 20

EventT = TypeVar("EventT", bound=CloudEvent[Any])


@dataclass(frozen=True)
class Subscription(Generic[EventT]):
    """What a consumer reads and what it does with each record.

    `on_failure` runs once a record's event is given up on: at once for a `PermanentError`, after
    dead-lettering when retries are exhausted. Job workers use it to end the job `failed`.
    """

    group: str
    topics: list[str]
    decode: TypeAdapter[EventT]
    handle: Callable[[EventT], Awaitable[None]]
    on_failure: Callable[[EventT, StudioError], Awaitable[None]] | None = None
    bulk_topics: frozenset[str] = frozenset()
    """Topics of the bulk lane: together they hold at most `bulk_share` of the slots."""
    tenant_caps: bool = False
    """Whether one tenant's records hold at most `tenant_share` of the slots."""


def both_lanes(topic_of: Callable[[Lane], str]) -> tuple[list[str], frozenset[str]]:
    """A laned topic's two topics, and its bulk one: a `Subscription`'s `topics` and
    `bulk_topics`."""
    return [topic_of(lane) for lane in LANES], frozenset({topic_of("bulk")})


def work_subscription(
    service: str,
    handle: Callable[[RunJobEvent], Awaitable[None]],
    on_failure: Callable[[RunJobEvent, StudioError], Awaitable[None]],
) -> Subscription[RunJobEvent]:
    """A worker service's jobs: both lanes of its work topic, in one consumer group."""
    topics, bulk = both_lanes(partial(work_topic, service))
    return Subscription(
        group=service,
        topics=topics,
        decode=TypeAdapter(RunJobEvent),
        handle=handle,
        on_failure=on_failure,
        bulk_topics=bulk,
        tenant_caps=True,
    )


def control_subscription(
    service: str, cancel: Callable[[CancelJobEvent], Awaitable[None]]
) -> Subscription[CancelJobEvent]:
    """A worker service's control commands (cancel), in their own consumer group."""
    return Subscription(
        group=f"{service}-control",
        topics=[control_topic(service)],
        decode=TypeAdapter(CancelJobEvent),
        handle=cancel,
    )


@dataclass
class _InFlight:
    offset: int
    settled: bool = False
    forgotten: bool = False
    """Its partition was revoked: the new owner handles it, so it is dropped unless started."""

    def dropped(self) -> bool:
        return self.forgotten


class Consumer(Generic[EventT]):
    """Runs one subscription in a consumer group until cancelled."""

    def __init__(
        self,
        subscription: Subscription[EventT],
        *,
        bus: EventBus,
        kafka: KafkaSettings,
        worker: WorkerSettings,
    ) -> None:
        self.subscription = subscription
        self._bus = bus
        self._kafka = kafka
        self._worker = worker
        self._joined = asyncio.Event()
        self._uncommitted: dict[TopicPartition, int] = {}
        self._committing: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._in_flight: dict[TopicPartition, deque[_InFlight]] = {}
        self._last_of_key: dict[bytes | None, asyncio.Task[None]] = {}
        self._failure: BaseException | None = None
        self._bulk: set[asyncio.Task[None]] = set()
        bulk_slots = math.ceil(worker.bulk_share * worker.concurrency)
        tenant_slots = math.ceil(worker.tenant_share * worker.concurrency)
        self._slots = Slots(
            worker.concurrency,
            bulk=bulk_slots,
            per_tenant=tenant_slots if subscription.tenant_caps else None,
        )
        self._buffer = 2 * worker.concurrency
        self._polled_at = time.monotonic()
        self._bulk_buffer = bulk_slots + worker.concurrency

    def _connect(self) -> AIOKafkaConsumer:
        consumer = AIOKafkaConsumer(
            **connection_options(self._kafka),
            group_id=self.subscription.group,
            client_id=self.subscription.group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_interval_ms=self._worker.max_poll_interval_ms,
            session_timeout_ms=self._worker.session_timeout_ms,
            heartbeat_interval_ms=max(1000, self._worker.session_timeout_ms // 3),
            fetch_max_wait_ms=self._worker.fetch_max_wait_ms,
        )
        listener = _Rebalance(self._joined, self._forget)
        consumer.subscribe(self.subscription.topics, listener=listener)
        return consumer

    async def run(self) -> None:
        """Consume until cancelled (a fresh Kafka consumer each time it is started)."""
        self._consumer = self._connect()
        async for attempt in startup_retry("kafka"):
            with attempt:
                await self._consumer.start()
        try:
            while True:
                await self._poll_once()
        finally:
            self._joined.clear()
            await self._abandon_in_flight()
            if self._committing is not None:
                self._committing.cancel()
            await self._consumer.stop()

    async def joined(self) -> None:
        """Wait until the consumer has joined its group (its assignment may still be empty)."""
        await self._joined.wait()

    async def ready(self) -> None:
        """Readiness probe: raises until the consumer joined its group."""
        if not self._joined.is_set():
            raise RetryableError("bus_unavailable", f"{self.subscription.group} has not joined yet")

    async def _poll_once(self) -> None:
        """Fetch what the free room allows: from every partition, or, while the bulk lane's
        room is used up, from the others only. Partitions are not paused for this: aiokafka
        drops what it prefetched for a paused partition, and fetching it again costs the broker."""
        if self._failure is not None:  # a handler broke down: stop, what it held is redelivered
            failure, self._failure = self._failure, None
            raise failure
        room = self._buffer - len(self._tasks)
        bulk_room = self._bulk_buffer - len(self._bulk)
        assigned = self._consumer.assignment()
        wanted = assigned
        if bulk_room <= 0:
            wanted = {tp for tp in assigned if tp.topic not in self.subscription.bulk_topics}
        if room <= 0 or (assigned and not wanted):
            await self._keep_membership()
            return
        if self._consumer.paused():
            self._consumer.resume(*self._consumer.paused())
        partial = wanted != assigned
        fetch = min(room, bulk_room) if bulk_room > 0 else room
        batches = await self._consumer.getmany(
            *(wanted if partial else ()),
            timeout_ms=PAUSED_POLL_MS if partial else POLL_MS,
            max_records=fetch,
        )
        self._polled_at = time.monotonic()
        for tp, batch in batches.items():
            for record in batch:
                self._start(tp, record)
        await self._report_lag()
        self._report_slots()

    async def _keep_membership(self) -> None:
        """No room to fetch into: wait a moment for a slot. A consumer that does not poll for
        `max_poll_interval_ms` leaves its group, so now and then it polls with every partition
        paused (fetching nothing) while its slots stay taken."""
        if time.monotonic() - self._polled_at < self._worker.max_poll_interval_ms / 4000:
            await asyncio.sleep(PAUSED_POLL_MS / 1000)
            return
        self._consumer.pause(*self._consumer.assignment())
        await self._consumer.getmany(timeout_ms=PAUSED_POLL_MS)
        self._polled_at = time.monotonic()
        self._report_slots()

    def _start(self, tp: TopicPartition, record: ConsumerRecord) -> None:
        """Handle a record in its own task, after the records of its key fetched before it."""
        flight = _InFlight(record.offset)
        self._in_flight.setdefault(tp, deque()).append(flight)
        before = self._last_of_key.get(record.key)
        task = asyncio.create_task(self._settle_after(before, record, flight))
        self._last_of_key[record.key] = task
        self._tasks.add(task)
        if record.topic in self.subscription.bulk_topics:
            self._bulk.add(task)
        task.add_done_callback(partial(self._settled, tp, flight, record.key))

    async def _settle_after(
        self, before: asyncio.Task[None] | None, record: ConsumerRecord, flight: _InFlight
    ) -> None:
        if before is not None:
            await asyncio.wait([before])
        await self._settle(record, flight)

    def _settled(
        self, tp: TopicPartition, flight: _InFlight, key: bytes | None, task: asyncio.Task[None]
    ) -> None:
        self._tasks.discard(task)
        self._bulk.discard(task)
        if self._last_of_key.get(key) is task:
            del self._last_of_key[key]
        if task.cancelled():
            return
        if (failure := task.exception()) is not None:
            self._failure = self._failure or failure
            return
        flight.settled = True
        flights = self._in_flight.get(tp, deque())
        committable = None
        while flights and flights[0].settled:
            committable = flights.popleft().offset + 1
        if committable is not None:
            self._commit({tp: committable})

    def _forget(self, revoked: set[TopicPartition]) -> None:
        """Partitions taken away: their records go to their new owner from its committed
        offsets; what has started here finishes but commits nothing for them, what has not
        started is dropped."""
        for tp in revoked:
            for flight in self._in_flight.pop(tp, ()):
                flight.forgotten = True

    async def _abandon_in_flight(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        self._bulk.clear()
        self._in_flight.clear()
        self._last_of_key.clear()

    def _commit(self, settled: dict[TopicPartition, int]) -> None:
        """Commit the settled offsets in the background: consuming never waits on a commit.

        aiokafka retries a commit for as long as its error is retriable (a topic a restarted
        broker has not registered again, say). Meanwhile newer offsets pile up and go with the
        next commit; an offset not committed only means a redelivery, which handlers absorb.
        """
        self._uncommitted.update(settled)
        if self._committing is None or self._committing.done():
            assigned = self._consumer.assignment()  # a revoked partition is no longer ours
            offsets = {tp: o for tp, o in self._uncommitted.items() if tp in assigned}
            self._uncommitted = {}
            self._committing = asyncio.create_task(self._commit_now(offsets))

    async def _commit_now(self, offsets: dict[TopicPartition, int]) -> None:
        """Commit, then whatever settled meanwhile, until nothing is left."""
        while offsets:
            try:
                await asyncio.wait_for(self._consumer.commit(offsets), COMMIT_WITHIN_S)
            except (KafkaError, TimeoutError) as exc:
                log.warning("commit failed; offsets go with the next one: %r", exc)
                self._uncommitted = offsets | self._uncommitted
                return
            assigned = self._consumer.assignment()
            offsets = {tp: o for tp, o in self._uncommitted.items() if tp in assigned}
            self._uncommitted = {}

    async def _settle(self, record: ConsumerRecord, flight: _InFlight) -> None:
        topic = record.topic
        if flight.dropped():
            return
        try:
            event = self.subscription.decode.validate_json(record.value or b"")
        except ValidationError:
            log.error("poison record at %s:%d:%d", topic, record.partition, record.offset)
            error = PermanentError("poison_record", "the record is not a valid event")
            await self._dead_letter(record, None, error, 1)
            metrics.RECORDS_HANDLED.labels(topic, "poison").inc()
            return
        lane: Lane = "bulk" if topic in self.subscription.bulk_topics else "interactive"
        async with self._slots.held(event.tenant_id, lane):
            if flight.dropped():  # revoked while it waited for a slot
                return
            started = time.monotonic()
            ctx = context_from_headers(record.headers)
            span_name = f"{self.subscription.group} {event.type}"
            with (
                tracer.start_as_current_span(span_name, context=ctx, kind=trace.SpanKind.CONSUMER),
                log_context(job_id=event.job_id, tenant_id=event.tenant_id, event_id=event.id),
            ):
                outcome = await self._handle(record, event)
        metrics.RECORDS_HANDLED.labels(topic, outcome).inc()
        metrics.RECORD_SECONDS.labels(topic).observe(time.monotonic() - started)

    async def _handle(self, record: ConsumerRecord, event: EventT) -> str:
        retrying = AsyncRetrying(
            stop=self._stop,
            wait=wait_exponential(multiplier=self._worker.retry_backoff_s, max=30),
            retry=retry_if_exception(_worth_retrying),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    await self.subscription.handle(event)
        except PermanentError as exc:
            log.warning("%s ended: %s", event.type, exc)
            await self._give_up(event, exc)
            return "failed"
        except Exception as exc:
            attempts = retrying.statistics.get("attempt_number", 1)
            log.exception("%s dead-lettered after %d attempts", event.type, attempts)
            error = exc if isinstance(exc, StudioError) else _internal()
            # The dead letter is for operators: it keeps what really went wrong.
            await self._dead_letter(record, event, error, attempts, f"{type(exc).__name__}: {exc}")
            await self._give_up(event, error)
            return "dead_lettered"
        return "ok" if retrying.statistics.get("attempt_number", 1) == 1 else "retried"

    def _stop(self, state: RetryCallState) -> bool:
        """A dependency that may come back (`RetryableError`) gets `retry_for_s`; anything else
        (a bug, most likely) gets `max_attempts`."""
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, RetryableError):
            return (state.seconds_since_start or 0) >= self._worker.retry_for_s
        return state.attempt_number >= self._worker.max_attempts

    async def _give_up(self, event: EventT, error: StudioError) -> None:
        if self.subscription.on_failure is not None:
            await self.subscription.on_failure(event, error)

    async def _dead_letter(
        self,
        record: ConsumerRecord,
        event: EventT | None,
        error: StudioError,
        attempts: int,
        detail: str | None = None,
    ) -> None:
        key = (record.key or b"unknown").decode(errors="replace")
        await park(
            self._bus,
            DeadLettered(
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                code=error.code,
                message=detail or error.message,
                attempts=attempts,
                record=(record.value or b"").decode(errors="replace"),
            ),
            source=f"/services/{self.subscription.group}",
            tenant_id=event.tenant_id if event else "unknown",
            job_id=event.job_id if event else key,
        )

    async def _report_lag(self) -> None:
        for tp in self._consumer.assignment():
            end = self._consumer.highwater(tp)
            if end is None:
                continue
            try:
                position = await self._consumer.position(tp)
            except IllegalStateError:  # revoked by a rebalance meanwhile
                continue
            lag = max(0, end - position)
            metrics.CONSUMER_LAG.labels(self.subscription.group, tp.topic, tp.partition).set(lag)

    def _report_slots(self) -> None:
        group = self.subscription.group
        for lane in LANES:
            metrics.WORKER_SLOTS.labels(group, lane, "running").set(self._slots.running(lane))
            metrics.WORKER_SLOTS.labels(group, lane, "waiting").set(self._slots.waiting(lane))


async def park(
    bus: EventBus, data: DeadLettered, *, source: str, tenant_id: str, job_id: str
) -> None:
    """Put a record given up on into the dead-letter topic, with the reason."""
    parked = DeadLetteredEvent(
        id=f"{job_id}:dead_lettered:{data.topic}:{data.partition}:{data.offset}",
        source=source,
        tenant_id=tenant_id,
        job_id=job_id,
        data=data,
    )
    await bus.publish(DEAD_LETTERS, parked)


class _Rebalance(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(
        self, joined: asyncio.Event, forget: Callable[[set[TopicPartition]], None]
    ) -> None:
        self._joined = joined
        self._forget = forget

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        self._forget(set(revoked))

    async def on_partitions_assigned(self, assigned: object) -> None:
        self._joined.set()


def _worth_retrying(exc: BaseException) -> bool:
    """Errors that may pass; never a cancellation (a stopping worker must not run a job again)."""
    return isinstance(exc, Exception) and not isinstance(exc, PermanentError)


def _internal() -> StudioError:
    return RetryableError("internal_error", "an internal error stopped the job")


def consuming_runtime(
    clients: Clients,
    subscriptions: Sequence[Subscription[Any]],
    *,
    kafka: KafkaSettings,
    worker: WorkerSettings,
    loops: Sequence[Loop] = (),
) -> Runtime:
    """The runtime of a service that consumes: one consumer per subscription, each a readiness
    probe (joined its group) and a loop, beside the clients' probes and any other loops."""
    consumers = [
        Consumer(sub, bus=clients.bus, kafka=kafka, worker=worker) for sub in subscriptions
    ]
    probes = clients.probes | {f"consumer:{c.subscription.group}": c.ready for c in consumers}
    return Runtime(probes=probes, loops=[*(c.run for c in consumers), *loops])
