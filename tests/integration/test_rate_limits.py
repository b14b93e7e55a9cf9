"""Rate limits against the real database: one bucket per tenant whatever the number of gateways
spending from it (each `TokenBuckets` here stands for one gateway)."""

import asyncio
import uuid

import pytest

from contracts.billing.plans import RateLimit
from services.gateway.tenants.rate_limits import TokenBuckets
from shared.database import Database
from shared.errors import RateLimitedError


async def spend(buckets: TokenBuckets, tenant: str, limit: RateLimit) -> bool:
    try:
        await buckets.take(tenant, limit)
    except RateLimitedError:
        return False
    return True


async def test_gateways_sharing_the_database_let_a_burst_through_once(db: Database) -> None:
    limit = RateLimit(per_second=0.01, burst=20)  # no refill within the test
    gateways = [TokenBuckets(db) for _ in range(3)]
    tenant = f"ten_{uuid.uuid4().hex[:8]}"
    tries = [spend(gateways[i % 3], tenant, limit) for i in range(60)]
    let_through = sum(await asyncio.gather(*tries))
    assert let_through == 20, "three gateways, one bucket of 20"


async def test_the_bucket_refills_at_the_plans_rate(db: Database) -> None:
    limit = RateLimit(per_second=20, burst=2)
    buckets, tenant = TokenBuckets(db), f"ten_{uuid.uuid4().hex[:8]}"
    assert [await spend(buckets, tenant, limit) for _ in range(3)] == [True, True, False]
    await asyncio.sleep(0.06)  # a token every 50 ms
    assert await spend(buckets, tenant, limit)


async def test_a_denied_request_is_told_how_long_to_wait(db: Database) -> None:
    limit = RateLimit(per_second=0.5, burst=1)
    buckets, tenant = TokenBuckets(db), f"ten_{uuid.uuid4().hex[:8]}"
    await buckets.take(tenant, limit)
    with pytest.raises(RateLimitedError) as denied:
        await buckets.take(tenant, limit)
    assert denied.value.retry_after_s == 2
    assert await spend(buckets, f"ten_{uuid.uuid4().hex[:8]}", limit), "tenants apart"


async def test_a_concurrent_burst_within_the_limit_is_let_through_whole(db: Database) -> None:
    limit = RateLimit(per_second=100, burst=1000)
    gateways = [TokenBuckets(db) for _ in range(2)]
    tenant = f"ten_{uuid.uuid4().hex[:8]}"
    tries = [spend(gateways[i % 2], tenant, limit) for i in range(300)]
    assert all(await asyncio.gather(*tries)), "racing requests never refuse each other"
