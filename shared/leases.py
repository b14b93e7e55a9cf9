"""Leases: a loop that must run once across replicas (the sweeper, reconciliation) runs where
its lease is held. A lease is one document: its holder and until when; a holder renews it at
each pass, and another process takes it once it has lapsed (its holder died or stopped).

Taking is one conditional upsert: the filter matches the lease only when it is ours or lapsed,
so of two processes racing for a lapsed lease one updates it and the other's insert collides
with the existing `_id`."""

import asyncio
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from contextlib import suppress

from pymongo.errors import DuplicateKeyError, PyMongoError

from shared.database import Collection, Database, now_ms

COLLECTION = "leases"


def process_holder() -> str:
    """A name for this process, unique across hosts and restarts."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class Lease:
    """The lease `name`, as this process (`holder`) takes it for `ttl_s` at a time."""

    def __init__(self, db: Database, name: str, ttl_s: float, holder: str | None = None) -> None:
        self._leases: Collection = db[COLLECTION]
        self.name = name
        self.holder = holder or process_holder()
        self._ttl_ms = int(ttl_s * 1000)

    async def hold(self) -> bool:
        """Take or renew the lease; False while another process holds it."""
        now = now_ms()
        mine_or_lapsed = {"$or": [{"holder": self.holder}, {"until_ms": {"$lt": now}}]}
        # `$and`, not `{"_id": ..., "$or": ...}`: NX-27017 matches the latter against any
        # document the `$or` holds for, so a process took other names' lapsed leases
        this_one = {"$and": [{"_id": self.name}, mine_or_lapsed]}
        try:
            await self._leases.update_one(
                this_one,
                {"$set": {"holder": self.holder, "until_ms": now + self._ttl_ms}},
                upsert=True,
            )
        except DuplicateKeyError:
            return False
        return True

    async def release(self) -> None:
        """Give the lease up (at shutdown), so another process need not wait for it to lapse."""
        await self._leases.update_one(
            {"_id": self.name, "holder": self.holder}, {"$set": {"until_ms": 0}}
        )

    async def run_every(self, interval_s: float, tick: Callable[[], Awaitable[object]]) -> None:
        """Call `tick` every `interval_s` until cancelled (`tick` takes the lease itself, with
        `hold`), then give the lease up."""
        try:
            while True:
                await asyncio.sleep(interval_s)
                await tick()
        finally:
            with suppress(PyMongoError):
                await self.release()
