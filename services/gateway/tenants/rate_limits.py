"""Per-tenant rate limits, shared by every gateway: a token bucket per tenant, sized by its plan,
kept in MongoDB so two gateways (or ten) let a tenant through at its limit, not a multiple.

The bucket is stored as one number, its theoretical arrival time (GCRA, the token bucket's
equivalent form): the moment the bucket will be full again, in microseconds. A request is let
through when that moment is at most `burst - 1` intervals ahead, and moves it one interval on.
Each case is one conditional update, atomic on the server, so concurrent gateways never both
spend the last token:
- a busy bucket (the moment is ahead): `$inc` it by an interval if it is not too far ahead;
- a full bucket (the moment has passed): `$set` it to now plus an interval;
- a tenant seen for the first time: insert it (a racing twin's insert fails and retries).
A request costs one round trip when the condition this gateway last saw still holds (tried
first); a denied request costs one more to read the wait. (One
upsert with an update pipeline would do, but NX-27017, the local MongoDB, has no pipelines.)

Hand-written (thirty lines) because the limiter libraries keep windows, not the bucket that
campaign bursts want, and none stores it in MongoDB.
"""

import math
import time
from dataclasses import dataclass

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from contracts.billing.plans import RateLimit
from shared.database import Collection, Database
from shared.errors import RateLimitedError

COLLECTION = "rate_limits"
US = 1_000_000
ATTEMPTS = 5


@dataclass(frozen=True)
class Allowance:
    """What is left of a bucket after a request: requests it lets through now, and seconds
    until it is full again."""

    remaining: int
    full_in_s: int

    @classmethod
    def after(cls, tat: int, now: int, interval: int, latest: int) -> "Allowance":
        remaining = (latest - tat) // interval + 1 if tat <= latest else 0
        return cls(remaining, math.ceil(max(tat - now, 0) / US))


class TokenBuckets:
    """The tenants' buckets, in the database every gateway shares."""

    def __init__(self, db: Database) -> None:
        self._buckets: Collection = db[COLLECTION]
        self._last_tat: dict[str, int] = {}
        """The moment each tenant's bucket was full again when this gateway last moved it: a
        hint of which condition holds now, tried first (it is only ever a hint)."""

    async def take(self, tenant_id: str, limit: RateLimit) -> Allowance:
        """Spend one token of the tenant's bucket (and tell what is left), or raise
        `RateLimitedError` with the wait."""
        now = int(time.time() * US)
        interval = int(US / limit.per_second)
        latest = now + (limit.burst - 1) * interval
        for _ in range(ATTEMPTS):  # a concurrent request may move the bucket between two tries
            tat = await self._spend(tenant_id, now, interval, latest)
            if tat is not None:
                return Allowance.after(tat, now, interval, latest)
            held = await self._buckets.find_one({"_id": tenant_id}, {"tat_us": 1})
            if held is None:
                try:
                    await self._buckets.insert_one({"_id": tenant_id, "tat_us": now + interval})
                    return Allowance.after(now + interval, now, interval, latest)
                except DuplicateKeyError:  # a twin's first request inserted it
                    continue
            if int(held["tat_us"]) > latest:
                raise RateLimitedError((int(held["tat_us"]) - latest) / US)
        raise RateLimitedError(interval / US)

    async def _spend(self, tenant_id: str, now: int, interval: int, latest: int) -> int | None:
        """The bucket's moment after spending a token, None when neither condition held."""
        busy = ({"$gte": now, "$lte": latest}, {"$inc": {"tat_us": interval}})
        full = ({"$lt": now}, {"$set": {"tat_us": now + interval}})
        likely_full = self._last_tat.get(tenant_id, now) < now
        for within, change in (full, busy) if likely_full else (busy, full):
            moved = await self._buckets.find_one_and_update(
                {"_id": tenant_id, "tat_us": within}, change, return_document=ReturnDocument.AFTER
            )
            if moved is not None:
                self._last_tat[tenant_id] = int(moved["tat_us"])
                return int(moved["tat_us"])
        return None
