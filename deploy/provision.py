"""`python -m deploy.provision`: what a deployment makes once, before its services run: every
topic (partitions and replicas from the Kafka settings, retention from `contracts.topics`),
every service's MongoDB indexes and the bucket.

Each step leaves what exists as it is, so running it again (each upgrade) is safe. Services then
run with `KAFKA_MANAGE_TOPICS=false`: topics are created once, by one process.
"""

import asyncio
import logging

from pydantic import Field

from contracts.topics import all_topics
from services.billing.bootstrap import INDEXES as BILLING_INDEXES
from services.editing.bootstrap import INDEXES as EDITING_INDEXES
from services.gateway.bootstrap import INDEXES as GATEWAY_INDEXES
from services.gateway.events.bootstrap import INDEXES as PROJECTOR_INDEXES
from services.generation.bootstrap import INDEXES as GENERATION_INDEXES
from services.library.indexes import INDEXES as LIBRARY_INDEXES
from services.optimizer.bootstrap import INDEXES as OPTIMIZER_INDEXES
from services.transform.bootstrap import INDEXES as TRANSFORM_INDEXES
from shared.bus import ensure_topics
from shared.database import ensure_indexes, mongo_client
from shared.mounted import StudioSettings
from shared.objects import S3ObjectStore
from shared.retry import startup_retry
from shared.settings import KafkaSettings, MongoSettings, S3Settings, TelemetrySettings
from shared.telemetry import setup_telemetry

log = logging.getLogger(__name__)

EVERY_SERVICE_INDEXES = (
    GATEWAY_INDEXES,
    PROJECTOR_INDEXES,
    LIBRARY_INDEXES,
    GENERATION_INDEXES,
    OPTIMIZER_INDEXES,
    EDITING_INDEXES,
    TRANSFORM_INDEXES,
    BILLING_INDEXES,
)


class ProvisionSettings(StudioSettings):
    """The shared pieces provisioning needs (the same variables the services read)."""

    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    mongo: MongoSettings = Field(default_factory=MongoSettings)
    s3: S3Settings = Field(default_factory=S3Settings)
    telemetry: TelemetrySettings = Field(default_factory=TelemetrySettings)


async def provision(kafka: KafkaSettings, mongo: MongoSettings, s3: S3Settings | None) -> None:
    """Topics, indexes and (unless `s3` is None) the bucket, waiting for each server."""
    created = await ensure_topics(kafka, all_topics())
    log.info("topics: %d created, %d there already", len(created), len(all_topics()) - len(created))
    client = mongo_client(mongo, "provision")
    try:
        db = client[mongo.database]
        async for attempt in startup_retry("mongodb"):
            with attempt:
                for indexes in EVERY_SERVICE_INDEXES:
                    await ensure_indexes(db, indexes)
    finally:
        await client.close()
    log.info("indexes of %d services ensured", len(EVERY_SERVICE_INDEXES))
    if s3 is not None:
        await _bucket(s3)


async def _bucket(s3: S3Settings) -> None:
    store = S3ObjectStore(s3)
    try:
        async for attempt in startup_retry("s3"):
            with attempt:
                await store.ensure_bucket()
    finally:
        store.close()
    log.info("bucket %s ensured", s3.bucket)


def main() -> None:
    settings = ProvisionSettings()
    setup_telemetry("provision", settings.telemetry)
    asyncio.run(provision(settings.kafka, settings.mongo, settings.s3))


if __name__ == "__main__":
    main()
