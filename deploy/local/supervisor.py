"""`python -m deploy.local.supervisor <children.json>`: runs the local stack's service instances
and keeps them running, as a process manager (or Kubernetes) does: a child that exits is started
again after a backoff (1 s, doubling to 30 s; back to 1 s once it ran a minute), and one child
crashing never stops the others. Every child's output goes to this process's output, each line
prefixed with the child's name.

SIGTERM or SIGINT stops it: it sends each child SIGTERM (a child already told by a signal to
the whole process group takes a second SIGTERM as the same request) and gives them
`STOP_TIMEOUT_S` to finish before it kills them."""

import asyncio
import json
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FIRST_BACKOFF_S = 1.0
MAX_BACKOFF_S = 30.0
HEALTHY_RUN_S = 60.0
STOP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Child:
    """One process to keep running."""

    name: str
    argv: list[str]
    env: dict[str, str]
    nice: int = 0


def backoff_s(failures: int) -> float:
    """The wait before the next start, after `failures` short runs in a row."""
    return min(MAX_BACKOFF_S, FIRST_BACKOFF_S * 2.0 ** max(0, failures - 1))


class Supervisor:
    def __init__(self, children: list[Child], cwd: Path) -> None:
        self.children = children
        self.cwd = cwd
        self.stopping = asyncio.Event()
        self.running: dict[str, asyncio.subprocess.Process] = {}

    async def run(self) -> None:
        """Keep every child running until told to stop, then wait for them to end."""
        keepers = [asyncio.create_task(self._keep(child)) for child in self.children]
        await self.stopping.wait()
        await self._stop_all()
        for keeper in keepers:
            keeper.cancel()
        await asyncio.gather(*keepers, return_exceptions=True)

    async def _keep(self, child: Child) -> None:
        failures = 0
        while not self.stopping.is_set():
            started = time.monotonic()
            code = await self._run_once(child)
            if self.stopping.is_set():
                return
            failures = 1 if time.monotonic() - started >= HEALTHY_RUN_S else failures + 1
            wait_s = backoff_s(failures)
            say(child.name, f"exited with {code}; starting again in {wait_s:.0f}s")
            try:
                await asyncio.wait_for(self.stopping.wait(), wait_s)
            except TimeoutError:
                continue

    async def _run_once(self, child: Child) -> int:
        argv = ["nice", "-n", str(child.nice), *child.argv] if child.nice else child.argv
        process = await asyncio.create_subprocess_exec(
            *argv,
            env={**os.environ, **child.env},
            cwd=self.cwd,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        self.running[child.name] = process
        assert process.stdout is not None
        async for line in process.stdout:
            say(child.name, line.decode(errors="replace").rstrip("\n"))
        code = await process.wait()
        del self.running[child.name]
        return code

    async def _stop_all(self) -> None:
        for process in self.running.values():
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        waits = [process.wait() for process in self.running.values()]
        try:
            await asyncio.wait_for(asyncio.gather(*waits), STOP_TIMEOUT_S)
        except TimeoutError:
            for process in self.running.values():
                if process.returncode is None:
                    process.kill()


def say(name: str, line: str) -> None:
    sys.stdout.write(f"{name:14} | {line}\n")
    sys.stdout.flush()


def load(path: Path) -> list[Child]:
    return [Child(**child) for child in json.loads(path.read_text())]


async def main(path: Path) -> None:
    supervisor = Supervisor(load(path), Path.cwd())
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, supervisor.stopping.set)
    await supervisor.run()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
