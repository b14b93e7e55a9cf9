"""Platform overhead: small (64x64) draft jobs through the whole stack.

Two runs, each printing jobs/s and the p50/p95/p99 latency from submitting a job to its
`completed` event reaching an SSE client:
- `one at a time`: each job is submitted when the previous one completed (the pipeline's own
  latency, nothing queued);
- `burst`: N jobs submitted by `--concurrency` clients at once (throughput; latency includes
  queueing behind the burst).

By default it starts its own stack on free ports (repeatable, beside `make up`); `--url` and
`--key` point it at a running stack instead.

    python bench/pipeline.py --jobs 300 --concurrency 16
"""

import asyncio
import json
import statistics
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import httpx
import typer

from deploy.local.servers import Ports
from deploy.local.stack import LocalStack

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


async def measure(url: str, key: str, jobs: int, concurrency: int, warmup: int) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=concurrency + 4)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60, limits=limits) as http:
        await timed(http, warmup, concurrency)
        report("one at a time", await timed(http, max(20, jobs // 5), None))
        report(f"burst, {concurrency} clients", await timed(http, jobs, concurrency))


def report(title: str, run: Run) -> None:
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


async def own_stack(root: Path) -> tuple[LocalStack, str]:
    stack = LocalStack(root, Ports.free())
    await stack.start_servers()
    await stack.provision()
    admin = await stack.admin_key()
    await stack.start_services()
    return stack, await stack.tenant_key(admin, "bench", "enterprise", 10_000_000)


def main(
    jobs: Annotated[int, typer.Option(help="Jobs measured.")] = 300,
    concurrency: Annotated[int, typer.Option(help="Submissions in flight at once.")] = 16,
    warmup: Annotated[int, typer.Option(help="Jobs run first, not measured.")] = 20,
    url: Annotated[str | None, typer.Option(help="A running gateway (else: own stack).")] = None,
    key: Annotated[str | None, typer.Option(help="API key for --url.")] = None,
) -> None:
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
