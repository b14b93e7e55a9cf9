"""Fair slots: interactive work first, bulk within its share, each tenant within its cap."""

import asyncio

from contracts.topics import Lane
from shared.priority import InteractiveFirst
from shared.slots import Slots


class Holders:
    """Tasks that take a slot and keep it until released, recording the order they got it."""

    def __init__(self, slots: Slots) -> None:
        self.slots = slots
        self.started: list[str] = []
        self.release = asyncio.Event()
        self.tasks: dict[str, asyncio.Task[None]] = {}

    def add(self, name: str, tenant: str, lane: Lane) -> None:
        self.tasks[name] = asyncio.create_task(self._hold(name, tenant, lane))

    async def _hold(self, name: str, tenant: str, lane: Lane) -> None:
        async with self.slots.held(tenant, lane):
            self.started.append(name)
            await self.release.wait()

    async def settle(self) -> None:
        for _ in range(5):
            await asyncio.sleep(0)


async def test_bulk_holds_its_share_and_a_single_job_starts_at_once() -> None:
    holders = Holders(Slots(4, bulk=3))
    for n in range(5):
        holders.add(f"b{n}", "ten_a", "bulk")
    await holders.settle()
    assert holders.started == ["b0", "b1", "b2"]
    holders.add("i0", "ten_b", "interactive")
    await holders.settle()
    assert holders.started[-1] == "i0"
    assert (holders.slots.running("bulk"), holders.slots.waiting("bulk")) == (3, 2)
    holders.release.set()
    await asyncio.gather(*holders.tasks.values())
    assert sorted(holders.started) == ["b0", "b1", "b2", "b3", "b4", "i0"]


async def test_a_freed_slot_goes_to_interactive_work_before_older_bulk_work() -> None:
    slots = Slots(1)
    holders = Holders(slots)
    holders.add("b0", "ten_a", "bulk")
    await holders.settle()
    holders.add("b1", "ten_a", "bulk")
    holders.add("i0", "ten_b", "interactive")
    await holders.settle()
    holders.release.set()
    await asyncio.gather(*holders.tasks.values())
    assert holders.started == ["b0", "i0", "b1"]


async def test_a_tenant_at_its_cap_lets_other_tenants_pass() -> None:
    holders = Holders(Slots(4, per_tenant=2))
    for n in range(4):
        holders.add(f"a{n}", "ten_a", "interactive")
    holders.add("b0", "ten_b", "interactive")
    await holders.settle()
    assert holders.started == ["a0", "a1", "b0"]
    assert holders.slots.waiting("interactive") == 2, "a slot stays free: ten_a is at its cap"
    holders.release.set()
    await asyncio.gather(*holders.tasks.values())
    assert len(holders.started) == 5


async def test_a_waiter_cancelled_gives_up_its_place_and_a_holder_cancelled_its_slot() -> None:
    slots = Slots(1)
    holders = Holders(slots)
    holders.add("first", "ten_a", "interactive")
    holders.add("gone", "ten_a", "interactive")
    holders.add("next", "ten_a", "interactive")
    await holders.settle()
    holders.tasks["gone"].cancel()
    holders.tasks["first"].cancel()
    await holders.settle()
    assert holders.started == ["first", "next"]
    assert (slots.running("interactive"), slots.waiting("interactive")) == (1, 0)
    holders.release.set()
    await holders.tasks["next"]
    assert slots.running("interactive") == 0


async def test_a_tenants_cap_counts_per_lane_so_its_own_single_jobs_pass_its_campaign() -> None:
    holders = Holders(Slots(4, per_tenant=1))
    holders.add("b0", "ten_a", "bulk")
    holders.add("b1", "ten_a", "bulk")
    holders.add("i0", "ten_a", "interactive")
    await holders.settle()
    assert holders.started == ["b0", "i0"]
    holders.release.set()
    await asyncio.gather(*holders.tasks.values())
    assert holders.started == ["b0", "i0", "b1"]


async def test_bulk_holds_its_yielding_share_while_interactive_work_is_present() -> None:
    quiet, busy = InteractiveFirst(), InteractiveFirst()
    busy.interactive_seen()
    alone = Holders(Slots(8, bulk=6, bulk_yielding=1, priority=quiet))
    beside = Holders(Slots(8, bulk=6, bulk_yielding=1, priority=busy))
    for holders in (alone, beside):
        for n in range(3):
            holders.add(f"b{n}", "ten_a", "bulk")
        holders.add("i0", "ten_b", "interactive")
        await holders.settle()
    assert sorted(alone.started) == ["b0", "b1", "b2", "i0"]
    assert sorted(beside.started) == ["b0", "i0"]
    assert beside.slots.waiting("bulk") == 2
    for holders in (alone, beside):
        holders.release.set()
        await asyncio.gather(*holders.tasks.values())
    assert sorted(beside.started) == ["b0", "b1", "b2", "i0"], "bulk work is slowed, not dropped"
