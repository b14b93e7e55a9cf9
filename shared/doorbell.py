"""Doorbells: waking parked consumers on one machine when their topics get records.

Apache Kafka answers a waiting fetch as soon as data arrives, so a consumer simply long-polls.
Tansu (the local stack's broker) does not: it sleeps the whole `fetch_max_wait_ms` even when data
is there, so a short wait costs a fetch loop that never stops and a long one slows every hop. With
`KAFKA_DOORBELL_DIR` set, a consumer with nothing to read parks instead (no fetch in flight) and
waits for its doorbell: a Unix datagram socket, linked under each topic it reads while parked. A
producer, once the broker has acknowledged its records, rings every socket linked under their
topics. The folder is the only thing shared, so this works between processes of one host only.

    {dir}/.bells/{pid}-{n}       the consumer's socket
    {dir}/{topic}/{pid}-{n}      a link to it while it is parked on that topic
"""

import asyncio
import contextlib
import errno
import itertools
import logging
import os
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)
_numbers = itertools.count()


class Doorbells:
    """The producer's side: rings the parked consumers of topics."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.setblocking(False)

    def close(self) -> None:
        self._socket.close()

    def ring(self, topics: Iterable[str]) -> None:
        """Wake every consumer parked on one of `topics` (a gone one's link is removed)."""
        for topic in topics:
            try:
                links = list(os.scandir(self.folder / topic))
            except FileNotFoundError:
                continue
            for link in links:
                self._ring_one(link.path)

    def _ring_one(self, path: str) -> None:
        try:
            self._socket.sendto(b"", path)
        except (ConnectionRefusedError, FileNotFoundError):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)  # its consumer is gone
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ENOBUFS):  # full: it is rung already
                raise


class Bell:
    """The consumer's side: one socket, linked under topics while parked."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._path = folder / ".bells" / f"{os.getpid()}-{next(_numbers)}"
        self._rung = asyncio.Event()
        self._socket: socket.socket | None = None

    def open(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.unlink(missing_ok=True)
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.setblocking(False)
        self._socket.bind(str(self._path))
        asyncio.get_running_loop().add_reader(self._socket.fileno(), self._heard)

    def close(self) -> None:
        if self._socket is not None:
            asyncio.get_running_loop().remove_reader(self._socket.fileno())
            self._socket.close()
            self._socket = None
        self._path.unlink(missing_ok=True)

    @contextlib.contextmanager
    def linked(self, topics: Iterable[str]) -> Iterator[None]:
        """Be rung for `topics` inside the block; rings heard before it are forgotten."""
        links = [self._folder / topic / self._path.name for topic in topics]
        for link in links:
            link.parent.mkdir(parents=True, exist_ok=True)
            link.unlink(missing_ok=True)
            link.symlink_to(self._path)
        self._heard()
        self._rung.clear()
        try:
            yield
        finally:
            for link in links:
                link.unlink(missing_ok=True)

    async def wait(self, timeout_s: float) -> bool:
        """Until rung (True) or `timeout_s` passed (False)."""
        try:
            await asyncio.wait_for(self._rung.wait(), timeout_s)
        except TimeoutError:
            return False
        return True

    def interrupt(self) -> None:
        """Stop a wait (the consumer has something else to do: a rebalance, free room)."""
        self._rung.set()

    def _heard(self) -> None:
        if self._socket is None:
            return
        while True:
            try:
                self._socket.recv(16)
            except BlockingIOError:
                break
            self._rung.set()
