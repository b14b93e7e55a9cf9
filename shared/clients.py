"""Opening the clients every service uses, with their shutdown and readiness probes."""

from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from functools import partial

from contracts.topics import all_topics
from shared.bus import EventBus, ensure_topics
from shared.database import Database, Index, ensure_indexes, mongo_client, ping
from shared.objects import S3ObjectStore
from shared.service import Probe
from shared.settings import ServiceSettings


@dataclass(frozen=True)
class Clients:
    """A service's connections to the bus, its database and the object store."""

    bus: EventBus
    db: Database
    store: S3ObjectStore

    @property
    def probes(self) -> dict[str, Probe]:
        return {"kafka": self.bus.ping, "mongo": partial(ping, self.db), "s3": self.store.ping}


async def open_clients(
    name: str,
    settings: ServiceSettings,
    stack: AsyncExitStack,
    indexes: Mapping[str, Sequence[Index]],
) -> Clients:
    """Connect, make sure topics and the service's indexes exist, and register the shutdown."""
    mongo = mongo_client(settings.mongo, name)
    stack.push_async_callback(mongo.close)
    db = mongo[settings.mongo.database]
    await ensure_indexes(db, indexes)
    store = S3ObjectStore(settings.s3)
    stack.callback(store.close)
    await ensure_topics(settings.kafka, all_topics())
    bus = EventBus(settings.kafka, client_id=name)
    await bus.start()
    stack.push_async_callback(bus.stop)
    return Clients(bus=bus, db=db, store=store)
