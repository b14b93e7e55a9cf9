"""CPU-bound work (image rendering, encoding) runs here, off the event loop.

Pillow and NumPy release the GIL in their heavy loops, so a thread pool sized to the cores keeps
the loop responsive without the pickling cost of a process pool.
"""

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class CpuPool:
    """A bounded pool for CPU work."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 2
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="cpu")

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, lambda: fn(*args, **kwargs)
        )

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
