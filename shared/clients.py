"""Opening the clients every service uses, with their shutdown and readiness probes."""

from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from functools import partial

from contracts.topics import all_topics
from shared.bus import EventBus, ensure_topics
from shared.database import Database, Index, ensure_indexes, mongo_client, ping
from shared.objects import S3ObjectStore
from shared.retry import startup_retry
from shared.service import Probe
from shared.settings import ServiceSettings


@dataclass(frozen=True)
class Clients:
    """A service's connections to the bus, its database and (if it uses one) the object store."""

    bus: EventBus
    db: Database
    store: S3ObjectStore | None

    @property
    def probes(self) -> dict[str, Probe]:
        probes: dict[str, Probe] = {"kafka": self.bus.ping, "mongo": partial(ping, self.db)}
        if self.store is not None:
            probes["s3"] = self.store.ping
        return probes

    @property
    def object_store(self) -> S3ObjectStore:
        if self.store is None:
            raise RuntimeError("this service was opened without an object store")
        return self.store


async def open_clients(
    name: str,
    settings: ServiceSettings,
    stack: AsyncExitStack,
    indexes: Mapping[str, Sequence[Index]],
    *,
    object_store: bool = True,
) -> Clients:
    """Connect (waiting for dependencies that start after us), make sure the service's indexes,
    the bucket and the topics exist, and register the shutdown."""
    mongo = mongo_client(settings.mongo, name)
    stack.push_async_callback(mongo.close)
    db = mongo[settings.mongo.database]
    async for attempt in startup_retry("mongodb"):
        with attempt:
            await ensure_indexes(db, indexes)
    store = S3ObjectStore(settings.s3) if object_store else None
    if store is not None:
        stack.callback(store.close)
        async for attempt in startup_retry("s3"):
            with attempt:
                await store.ensure_bucket()
    if settings.kafka.manage_topics:
        await ensure_topics(settings.kafka, all_topics())
    bus = EventBus(settings.kafka, client_id=name)
    await bus.start()
    stack.push_async_callback(bus.stop)
    return Clients(bus=bus, db=db, store=store)
