"""Platform overhead: small (64x64) draft jobs through the whole stack.

Two runs, each printing jobs/s and the p50/p95/p99 latency from submitting a job to its
`completed` event reaching an SSE client:
- `one at a time`: each job is submitted when the previous one completed (the pipeline's own
  latency, nothing queued);
- `burst`: N jobs submitted by `--concurrency` clients at once (throughput; latency includes
  queueing behind the burst).

By default it starts its own stack on free ports (repeatable, beside `make up`); `--url` and
`--key` point it at a running stack instead. `--baseline COMMIT` measures that commit's tree (a
`git worktree`, see `bench/sides.py`) and then the working tree in the same run, and prints both
with their ratio: the sides alternate for `--rounds` rounds and the medians are compared.

    python bench/pipeline.py --jobs 300 --concurrency 16
    python bench/pipeline.py --baseline f3e55e6 --rounds 3
"""

import asyncio
import json
import statistics
import sys
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import httpx
import typer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadgen import tenant_key
from sides import REPO, python_of, stack_of, worktree

from deploy.local.servers import Ports
from deploy.local.stack import LocalStack

Figures = dict[str, float]

JOB = {
    "kind": "generate",
    "params": {"prompt": "benchmark", "quality": "draft", "width": 64, "height": 64},
}
FINAL = {"studio.job.completed", "studio.job.failed", "studio.job.rejected"}


@dataclass
class Run:
    submitted: dict[str, float] = field(default_factory=dict)
    finished: dict[str, tuple[float, str]] = field(default_factory=dict)
    all_done: asyncio.Event = field(default_factory=asyncio.Event)
    expected: int = 0


async def listen(http: httpx.AsyncClient, run: Run, opened: asyncio.Event) -> None:
    """One tenant-wide SSE stream, timestamping each job's final event as it arrives."""
    async with http.stream("GET", "/v1/events", timeout=None) as response:
        response.raise_for_status()
        opened.set()
        async for line in response.aiter_lines():
            if not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event["type"] in FINAL:
                run.finished[event["job_id"]] = (time.perf_counter(), event["type"])
                if len(run.finished) >= run.expected:
                    run.all_done.set()


async def submit(http: httpx.AsyncClient, run: Run, count: int, concurrency: int) -> None:
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            began = time.perf_counter()
            response = await http.post("/v1/jobs", json=JOB)
            response.raise_for_status()
            run.submitted[response.json()["id"]] = began

    await asyncio.gather(*(one() for _ in range(count)))


async def one_at_a_time(http: httpx.AsyncClient, run: Run, count: int) -> None:
    for n in range(count):
        run.expected = n + 1
        run.all_done.clear()
        await submit(http, run, 1, 1)
        await run.all_done.wait()


async def timed(http: httpx.AsyncClient, count: int, concurrency: int | None) -> Run:
    run = Run(expected=count)
    opened = asyncio.Event()
    listener = asyncio.create_task(listen(http, run, opened))
    await opened.wait()
    if concurrency is None:
        await one_at_a_time(http, run, count)
    else:
        await submit(http, run, count, concurrency)
    await asyncio.wait_for(run.all_done.wait(), timeout=600)
    listener.cancel()
    with suppress(asyncio.CancelledError):
        await listener
    return run


async def measure(url: str, key: str, jobs: int, concurrency: int, warmup: int) -> Figures:
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=concurrency + 4)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60, limits=limits) as http:
        await timed(http, warmup, concurrency)
        single = report("one at a time", await timed(http, max(20, jobs // 5), None))
        burst = report(f"burst, {concurrency} clients", await timed(http, jobs, concurrency))
    return {f"one at a time {k}": v for k, v in single.items()} | {
        f"burst {k}": v for k, v in burst.items()
    }


def report(title: str, run: Run) -> Figures:
    ended = {job: run.finished[job] for job in run.submitted if job in run.finished}
    done = {job: t for job, (t, kind) in ended.items() if kind == "studio.job.completed"}
    latencies = sorted(t - run.submitted[job] for job, t in done.items())
    failed = len(run.submitted) - len(done)
    wall = max(done.values()) - min(run.submitted.values())
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    print(f"{title}: {len(latencies)} jobs (64x64 draft), {failed} not completed")
    print(f"  throughput  {len(latencies) / wall:.1f} jobs/s  ({wall:.2f} s)")
    print(
        f"  latency     p50 {q[49] * 1000:.0f} ms  p95 {q[94] * 1000:.0f} ms  "
        f"p99 {q[98] * 1000:.0f} ms  max {latencies[-1] * 1000:.0f} ms"
    )
    return {
        "jobs/s": len(latencies) / wall,
        "p50 ms": q[49] * 1000,
        "p95 ms": q[94] * 1000,
        "p99 ms": q[98] * 1000,
    }


async def own_stack(root: Path) -> tuple[LocalStack, str]:
    stack = LocalStack(root, Ports.free())
    await stack.start_servers()
    await stack.provision()
    admin = await stack.admin_key()
    await stack.start_services()
    return stack, await stack.tenant_key(admin, "bench", "enterprise", 10_000_000)


def measure_tree(tree: Path, python: Path, jobs: int, concurrency: int, warmup: int) -> Figures:
    """One side of a same-run comparison: a stack of `tree`'s code, measured."""
    with stack_of(tree, python, {}, probed=False) as (facts, _):
        url, admin = facts["gateway_url"], facts["admin_key"]
        key = asyncio.run(tenant_key(url, admin, "bench", "enterprise", 10_000_000))
        return asyncio.run(measure(url, key, jobs, concurrency, warmup))


def compare(baseline: str, rounds: int, jobs: int, concurrency: int, warmup: int) -> None:
    """Both sides, alternating for `rounds` rounds (this machine drifts), medians printed."""
    sides: dict[str, list[Figures]] = {baseline: [], "working tree": []}
    with worktree(baseline) as tree:
        trees = {
            baseline: (tree, python_of(tree, baseline)),
            "working tree": (REPO, Path(sys.executable)),
        }
        for n in range(rounds):
            for side, (root, python) in trees.items():
                print(f"## {side}, round {n + 1}")
                sides[side].append(measure_tree(root, python, jobs, concurrency, warmup))
    before, after = (median_of(runs) for runs in sides.values())
    print(f"\n| figure (median of {rounds}) | {baseline} | working tree | ratio |")
    print("|---|---|---|---|")
    for name, was in before.items():
        print(f"| {name} | {was:.1f} | {after[name]:.1f} | {after[name] / was:.2f} |")


def median_of(runs: list[Figures]) -> Figures:
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def main(
    jobs: Annotated[int, typer.Option(help="Jobs measured.")] = 300,
    concurrency: Annotated[int, typer.Option(help="Submissions in flight at once.")] = 16,
    warmup: Annotated[int, typer.Option(help="Jobs run first, not measured.")] = 20,
    url: Annotated[str | None, typer.Option(help="A running gateway (else: own stack).")] = None,
    key: Annotated[str | None, typer.Option(help="API key for --url.")] = None,
    baseline: Annotated[str | None, typer.Option(help="Commit measured beside this tree.")] = None,
    rounds: Annotated[int, typer.Option(help="Rounds of both sides, with --baseline.")] = 3,
) -> None:
    if baseline is not None:
        compare(baseline, rounds, jobs, concurrency, warmup)
        return
    if url is not None:
        if key is None:
            raise typer.BadParameter("--key is required with --url")
        asyncio.run(measure(url, key, jobs, concurrency, warmup))
        return
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as root:
        stack, own_key = asyncio.run(own_stack(Path(root)))
        try:
            asyncio.run(measure(stack.gateway_url, own_key, jobs, concurrency, warmup))
        finally:
            stack.stop()


if __name__ == "__main__":
    typer.run(main)
