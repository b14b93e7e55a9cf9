"""The event bus: publishing CloudEvents to Kafka, and creating topics.

Records are keyed by job id (one job's events stay ordered in one partition), follow the
CloudEvents Kafka binding in binary content mode (`contracts/binding.py`: the context attributes as
`ce_` headers, the typed envelope as the value), carry the W3C trace context as headers, and are
retried on transient broker errors.
"""

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    wait_exponential_jitter,
)

from contracts import topics
from contracts.binding import binary_headers
from contracts.envelope import CloudEvent
from shared.doorbell import Doorbells
from shared.errors import RetryableError
from shared.retry import startup_retry
from shared.settings import KafkaSettings
from shared.telemetry import trace_headers

log = logging.getLogger(__name__)
PUBLISH_WITHIN_S = 20.0


def connection_options(settings: KafkaSettings) -> dict[str, Any]:
    """Client options shared by producers, consumers and the admin client."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": settings.security_protocol,
    }
    if settings.sasl_mechanism:
        password = settings.sasl_password.get_secret_value() if settings.sasl_password else None
        options |= {
            "sasl_mechanism": settings.sasl_mechanism,
            "sasl_plain_username": settings.sasl_username,
            "sasl_plain_password": password,
        }
    return options


Outgoing = tuple[str, CloudEvent[Any]]
"""A topic and an event to publish to it."""


class EventBus:
    """Publishes CloudEvents; a publish that still fails after retries raises `RetryableError`.

    Events published together (or concurrently) travel in the producer's batches: one produce
    request per partition leader, not one per event. Once the broker has them, the doorbells of
    their topics ring (when configured), so parked consumers fetch at once.
    """

    def __init__(self, settings: KafkaSettings, client_id: str) -> None:
        self._settings = settings
        self._producer = AIOKafkaProducer(
            **connection_options(settings),
            client_id=client_id,
            acks="all",
            enable_idempotence=settings.enable_idempotence,
            linger_ms=2,
            request_timeout_ms=10_000,
        )
        folder = settings.doorbell_dir
        self._doorbells = Doorbells(folder) if folder is not None else None

    async def start(self) -> None:
        async for attempt in startup_retry("kafka"):
            with attempt:
                await self._producer.start()

    async def stop(self) -> None:
        await self._producer.stop()
        if self._doorbells is not None:
            self._doorbells.close()

    async def publish(
        self, topic: str, event: CloudEvent[Any], *, within_s: float = PUBLISH_WITHIN_S
    ) -> None:
        """Send one event and wait for the broker's acknowledgement, retrying for at most
        `within_s` in all."""
        await self.publish_all([(topic, event)], within_s=within_s)

    async def publish_all(
        self, outgoing: Sequence[Outgoing], *, within_s: float = PUBLISH_WITHIN_S
    ) -> None:
        """Send events together and wait until the broker has every one (retrying those it
        refused, for at most `within_s` in all)."""
        if not outgoing:
            return
        records = [_record(topic, event) for topic, event in outgoing]
        try:
            async with asyncio.timeout(within_s):
                refused = await self._send(records)
                if refused:
                    await self._send_again(refused)
        except (KafkaError, TimeoutError) as exc:
            topics = ", ".join(sorted({record.topic for record in records}))
            message = f"could not publish to {topics}: {exc}"
            raise RetryableError("bus_unavailable", message) from exc
        if self._doorbells is not None:
            self._doorbells.ring({topic for topic, _ in outgoing})

    async def _send_again(self, refused: list[tuple["_Record", KafkaError]]) -> None:
        """Retry what the broker refused, with backoff, until it has all of it."""
        retrying = AsyncRetrying(
            wait=wait_exponential_jitter(multiplier=0.1, max=2),
            retry=retry_if_exception_type(KafkaError),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                refused = await self._send([record for record, _ in refused])
                if refused:
                    raise refused[0][1]

    async def _send(self, records: list["_Record"]) -> list[tuple["_Record", KafkaError]]:
        """Send every record at once; those the broker refused, with why."""
        sent: list[asyncio.Future[Any]] = []
        for record in records:
            try:
                sent.append(await self._producer.send(**record.sendable()))
            except KafkaError as exc:  # no metadata for the topic yet, say
                sent.append(_failed(exc))
        answers = await asyncio.gather(*sent, return_exceptions=True)
        refused = []
        for record, answer in zip(records, answers, strict=True):
            if isinstance(answer, KafkaError):
                refused.append((record, answer))
            elif isinstance(answer, BaseException):
                raise answer
        return refused

    async def ping(self) -> None:
        """Readiness: the broker answers a metadata request."""
        if not await self._producer.client.force_metadata_update():
            raise RetryableError("bus_unavailable", "no metadata from the Kafka cluster")


@dataclass(frozen=True)
class _Record:
    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]

    def sendable(self) -> dict[str, Any]:
        return {"topic": self.topic, "value": self.value, "key": self.key, "headers": self.headers}


def _failed(error: KafkaError) -> asyncio.Future[Any]:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    future.set_exception(error)
    return future


def _record(topic: str, event: CloudEvent[Any]) -> _Record:
    """The Kafka record of an event: keyed by job id, its CloudEvents attributes and trace
    context in headers (the trace it came in with, else the current one)."""
    trace = event._trace if event._trace is not None else trace_headers()
    return _Record(
        topic=topic,
        key=event.job_id.encode(),
        value=event.model_dump_json().encode(),
        headers=[*binary_headers(event), *trace],
    )


async def ensure_topics(settings: KafkaSettings, names: Iterable[str]) -> list[str]:
    """Create the topics that do not exist yet; returns the ones created."""
    admin = AIOKafkaAdminClient(**connection_options(settings), client_id="studio-admin")
    async for attempt in startup_retry("kafka"):
        with attempt:
            await admin.start()
    try:
        missing = sorted(set(names) - set(await admin.list_topics()))
        if missing:
            new = [_new_topic(name, settings) for name in missing]
            await _create(admin, new)
        return missing
    finally:
        await admin.close()


def _new_topic(name: str, settings: KafkaSettings) -> NewTopic:
    config = {"retention.ms": str(topics.retention_ms(name))}
    return NewTopic(name, settings.partitions, settings.replication_factor, topic_configs=config)


async def _create(admin: AIOKafkaAdminClient, topics: list[NewTopic]) -> None:
    response = await admin.create_topics(topics)
    for name, code, message in response.topic_errors:
        if code not in (0, TopicAlreadyExistsError.errno):
            raise RetryableError("bus_unavailable", f"cannot create topic {name}: {message}")
