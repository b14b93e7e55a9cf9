"""Fixtures of the integration tier: a fresh database with every service's indexes, a bus, the
stack's Kafka settings and a fresh topic, and the provider emulator served in process."""

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from emulator.app import create_app
from services.billing.bootstrap import INDEXES as BILLING_INDEXES
from services.gateway.bootstrap import INDEXES as GATEWAY_INDEXES
from services.generation.bootstrap import INDEXES as GENERATION_INDEXES
from shared.bus import EventBus, ensure_topics
from shared.database import Database, ensure_indexes, mongo_client
from shared.settings import KafkaSettings
from tests.support.stack import RunningStack


@pytest.fixture
async def db(stack: RunningStack) -> AsyncIterator[Database]:
    """A database of its own for the test (NX-27017 keeps each in its own file)."""
    client = mongo_client(stack.local.mongo_settings(), "tests")
    database = client[f"test_{uuid.uuid4().hex[:8]}"]
    await ensure_indexes(database, GATEWAY_INDEXES | BILLING_INDEXES | GENERATION_INDEXES)
    yield database
    await client.close()


@pytest.fixture
async def bus(stack: RunningStack) -> AsyncIterator[EventBus]:
    bus = EventBus(stack.local.kafka_settings(), client_id="tests")
    await bus.start()
    yield bus
    await bus.stop()


@pytest.fixture
async def emulator() -> AsyncIterator[httpx.AsyncClient]:
    """The provider emulator, served in process (its default behaviour)."""
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        yield client


@pytest.fixture
def kafka(stack: RunningStack) -> KafkaSettings:
    return stack.local.kafka_settings()


@pytest.fixture
async def topic(kafka: KafkaSettings) -> str:
    name = f"test.{uuid.uuid4().hex[:8]}"
    assert await ensure_topics(kafka, [name]) == [name]
    return name
