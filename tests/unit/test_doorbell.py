"""Doorbells over real Unix datagram sockets: a parked consumer is rung for its topics only."""

import os
from pathlib import Path

from shared.doorbell import Bell, Doorbells


async def test_a_ring_on_a_parked_topic_wakes_the_bell(tmp_path: Path) -> None:
    bell, doorbells = Bell(tmp_path), Doorbells(tmp_path)
    bell.open()
    try:
        with bell.linked(["studio.a", "studio.b"]):
            assert (tmp_path / "studio.b").is_dir()
            doorbells.ring(["studio.b"])
            assert await bell.wait(5)
        assert list((tmp_path / "studio.b").iterdir()) == [], "unlinked once it stops parking"
    finally:
        bell.close()
        doorbells.close()


async def test_rings_for_other_topics_or_before_parking_do_not_wake_it(tmp_path: Path) -> None:
    bell, doorbells = Bell(tmp_path), Doorbells(tmp_path)
    bell.open()
    try:
        with bell.linked(["studio.a"]):
            doorbells.ring(["studio.a"])
        with bell.linked(["studio.a"]):  # that ring was heard before: forgotten
            doorbells.ring(["studio.other"])
            assert not await bell.wait(0.05)
    finally:
        bell.close()
        doorbells.close()


async def test_a_gone_consumers_link_is_removed_by_the_next_ring(tmp_path: Path) -> None:
    bell, doorbells = Bell(tmp_path), Doorbells(tmp_path)
    bell.open()
    with bell.linked(["studio.a"]):
        bell.close()  # its process died while parked: the link stays, the socket is gone
        assert len(os.listdir(tmp_path / "studio.a")) == 1
        doorbells.ring(["studio.a"])
        assert os.listdir(tmp_path / "studio.a") == []
    doorbells.close()


async def test_an_interrupt_ends_a_wait(tmp_path: Path) -> None:
    bell = Bell(tmp_path)
    bell.open()
    try:
        with bell.linked(["studio.a"]):
            bell.interrupt()
            assert await bell.wait(5)
    finally:
        bell.close()
