"""MongoDB access: the client, index declarations, and how time is stored.

Timestamps are stored as epoch milliseconds (int). That is portable across MongoDB and the local
NX-27017 server, which stores a datetime written by a top-level `$set` as text. Documents are read
through pydantic models, which also turn NX-27017's 1/0 booleans back into bools.
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from shared.settings import MongoSettings

Document = dict[str, Any]
Database = AsyncDatabase[Document]
Collection = AsyncCollection[Document]
DUPLICATE_KEY = 11000


def mongo_client(settings: MongoSettings, app_name: str) -> AsyncMongoClient[Document]:
    """A client; it connects lazily on first use."""
    return AsyncMongoClient(
        settings.url.get_secret_value(),
        appname=app_name,
        tz_aware=True,
        serverSelectionTimeoutMS=settings.timeout_ms,
    )


@dataclass(frozen=True)
class Index:
    """One index of a collection, declared in code and created at start-up."""

    keys: Sequence[tuple[str, int]]
    unique: bool = False
    expire_after_s: int | None = None
    partial: Mapping[str, Any] | None = None

    @property
    def name(self) -> str:
        return "_".join(f"{field}_{direction}" for field, direction in self.keys)


async def ensure_indexes(db: Database, indexes: Mapping[str, Sequence[Index]]) -> None:
    """Create every declared index (a no-op for those that exist)."""
    for collection, specs in indexes.items():
        for spec in specs:
            options: dict[str, Any] = {"name": spec.name, "unique": spec.unique}
            if spec.expire_after_s is not None:
                options["expireAfterSeconds"] = spec.expire_after_s
            if spec.partial is not None:
                options["partialFilterExpression"] = dict(spec.partial)
            await db[collection].create_index(list(spec.keys), **options)


async def insert_new(collection: Collection, docs: list[Document]) -> set[int]:
    """Insert documents in one round trip, skipping those whose `_id` (or other unique key) is
    taken: written once, whoever writes them again. The indexes of the documents skipped."""
    if not docs:
        return set()
    try:
        await collection.insert_many(docs, ordered=False)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if not errors or any(error.get("code") != DUPLICATE_KEY for error in errors):
            raise
        return {int(error["index"]) for error in errors}
    return set()


async def ping(db: Database) -> None:
    """Readiness: the server answers."""
    await db.command("ping")


def now_ms() -> int:
    """Now, as stored: epoch milliseconds."""
    return time.time_ns() // 1_000_000


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)
