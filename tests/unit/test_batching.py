"""Group commit: concurrent callers' items written together, each caller its own result."""

import asyncio
from collections.abc import Sequence

import pytest

from shared.batching import GroupCommit


class Recorder:
    """A write that doubles numbers (a negative one fails on its own), remembering each call,
    and holds its first call until released."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []
        self.release = asyncio.Event()

    async def write(self, items: list[int]) -> Sequence[int | BaseException]:
        self.calls.append(items)
        if len(self.calls) == 1:
            await self.release.wait()
        if 0 in items:
            raise ConnectionError("database away")
        return [ValueError(f"{n} refused") if n < 0 else 2 * n for n in items]


async def test_items_arriving_during_a_write_go_together_in_the_next_one() -> None:
    recorder = Recorder()
    commit = GroupCommit(recorder.write)
    first = asyncio.create_task(commit.submit(1))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    later = [asyncio.create_task(commit.submit(n)) for n in (2, 3, 4)]
    await asyncio.sleep(0)
    recorder.release.set()
    assert await first == 2
    assert await asyncio.gather(*later) == [4, 6, 8]
    assert recorder.calls == [[1], [2, 3, 4]]


async def test_an_items_own_error_reaches_only_its_caller() -> None:
    recorder = Recorder()
    recorder.release.set()
    commit = GroupCommit(recorder.write)
    results = await asyncio.gather(
        commit.submit(5), commit.submit(-1), commit.submit(7), return_exceptions=True
    )
    assert results[0] == 10
    assert results[2] == 14
    assert isinstance(results[1], ValueError)
    assert recorder.calls == [[5, -1, 7]]


async def test_a_failed_write_fails_every_caller_of_it_and_the_next_write_goes_on() -> None:
    recorder = Recorder()
    recorder.release.set()
    commit = GroupCommit(recorder.write)
    failed = await asyncio.gather(commit.submit(0), commit.submit(1), return_exceptions=True)
    assert all(isinstance(result, ConnectionError) for result in failed)
    assert await commit.submit(2) == 4


async def test_a_caller_that_stops_waiting_leaves_the_others_written() -> None:
    recorder = Recorder()
    commit = GroupCommit(recorder.write)
    first = asyncio.create_task(commit.submit(1))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    impatient = asyncio.create_task(commit.submit(2))
    patient = asyncio.create_task(commit.submit(3))
    await asyncio.sleep(0)
    impatient.cancel()
    recorder.release.set()
    assert await first == 2
    assert await patient == 6
    with pytest.raises(asyncio.CancelledError):
        await impatient
    assert recorder.calls == [[1], [2, 3]]


async def test_at_most_max_items_go_in_one_write() -> None:
    recorder = Recorder()
    recorder.release.set()
    commit = GroupCommit(recorder.write, max_items=2)
    assert await asyncio.gather(*(commit.submit(n) for n in (1, 2, 3))) == [2, 4, 6]
    assert recorder.calls == [[1, 2], [3]]
