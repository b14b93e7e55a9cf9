"""The event bus: publishing CloudEvents to Kafka, and creating topics.

Records are keyed by job id (one job's events stay ordered in one partition), carry the CloudEvents
`type` and the W3C trace context as headers, and are retried on transient broker errors.
"""

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    wait_exponential_jitter,
)

from contracts.envelope import CloudEvent
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


class EventBus:
    """Publishes CloudEvents; a publish that still fails after retries raises `RetryableError`."""

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

    async def start(self) -> None:
        async for attempt in startup_retry("kafka"):
            with attempt:
                await self._producer.start()

    async def stop(self) -> None:
        await self._producer.stop()

    async def publish(
        self, topic: str, event: CloudEvent[Any], *, within_s: float = PUBLISH_WITHIN_S
    ) -> None:
        """Send one event and wait for the broker's acknowledgement, retrying for at most
        `within_s` in all."""
        value = event.model_dump_json().encode()
        headers = [("ce_type", event.type.encode()), *trace_headers()]
        retrying = AsyncRetrying(
            wait=wait_exponential_jitter(multiplier=0.1, max=2),
            retry=retry_if_exception_type(KafkaError),
            reraise=True,
        )
        try:
            async with asyncio.timeout(within_s):
                async for attempt in retrying:
                    with attempt:
                        await self._producer.send_and_wait(
                            topic, value, key=event.job_id.encode(), headers=headers
                        )
        except (KafkaError, TimeoutError) as exc:
            raise RetryableError("bus_unavailable", f"could not publish to {topic}: {exc}") from exc

    async def ping(self) -> None:
        """Readiness: the broker answers a metadata request."""
        if not await self._producer.client.force_metadata_update():
            raise RetryableError("bus_unavailable", "no metadata from the Kafka cluster")


async def ensure_topics(settings: KafkaSettings, names: Iterable[str]) -> list[str]:
    """Create the topics that do not exist yet; returns the ones created."""
    admin = AIOKafkaAdminClient(**connection_options(settings), client_id="studio-admin")
    async for attempt in startup_retry("kafka"):
        with attempt:
            await admin.start()
    try:
        missing = sorted(set(names) - set(await admin.list_topics()))
        if missing:
            new = [NewTopic(n, settings.partitions, settings.replication_factor) for n in missing]
            await _create(admin, new)
        return missing
    finally:
        await admin.close()


async def _create(admin: AIOKafkaAdminClient, topics: list[NewTopic]) -> None:
    response = await admin.create_topics(topics)
    for name, code, message in response.topic_errors:
        if code not in (0, TopicAlreadyExistsError.errno):
            raise RetryableError("bus_unavailable", f"cannot create topic {name}: {message}")
