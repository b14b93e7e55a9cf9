"""Leases against the real database: one holder at a time, taken over once lapsed."""

import asyncio
import uuid

from shared.database import Database
from shared.leases import Lease


async def test_one_process_holds_a_lease_until_it_lapses(db: Database) -> None:
    name = f"sweep-{uuid.uuid4().hex[:6]}"
    first, second = Lease(db, name, ttl_s=0.3), Lease(db, name, ttl_s=0.3)
    assert await first.hold()
    assert not await second.hold()
    assert await first.hold(), "its holder renews it"
    await asyncio.sleep(0.4)
    assert await second.hold(), "a lapsed lease is taken over"
    assert not await first.hold()


async def test_of_processes_racing_for_a_lease_exactly_one_gets_it(db: Database) -> None:
    name = f"sweep-{uuid.uuid4().hex[:6]}"
    racers = [Lease(db, name, ttl_s=30) for _ in range(6)]
    held = await asyncio.gather(*(racer.hold() for racer in racers))
    assert sum(held) == 1


async def test_a_released_lease_is_free_at_once(db: Database) -> None:
    name = f"sweep-{uuid.uuid4().hex[:6]}"
    first, second = Lease(db, name, ttl_s=30), Lease(db, name, ttl_s=30)
    assert await first.hold()
    await first.release()
    assert await second.hold()


async def test_a_holder_takes_only_its_own_lease(db: Database) -> None:
    tag = uuid.uuid4().hex[:6]
    lapsed = Lease(db, f"sweep-{tag}", ttl_s=30)
    assert await lapsed.hold()
    await lapsed.release()
    other = Lease(db, f"purge-{tag}", ttl_s=30)
    assert await other.hold()
    assert await Lease(db, f"sweep-{tag}", ttl_s=30).hold(), "the lapsed lease is still free"
    assert not await lapsed.hold()
