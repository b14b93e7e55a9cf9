"""The platform's overhead over a provider's own latency, under load.

Starts its own stack with the provider emulator answering every Hugging Face call (the cheapest
standard route, so `provider: auto` goes there) after `--latency` seconds, then submits `--jobs`
generate jobs at once from `--tenants` tenants and follows them on SSE. Prints:
- jobs/s, and p50/p99 from submit to `completed` at the client (end to end);
- the provider's own latency as the job's attempts recorded it;
- overhead: end to end minus provider latency, absolute and as a share of the provider latency,
  and the same inside the generation service (its run time minus the provider call);
- peak RSS of the generation service.

    python bench/providers.py --jobs 1000 --latency 2
"""

import asyncio
import json
import statistics
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer

from deploy.local.servers import Ports
from deploy.local.stack import LocalStack
from emulator.control import EmulatorControl

JOB = {
    "kind": "generate",
    "params": {"prompt": "benchmark product shot", "width": 256, "height": 256},
}
FINAL = {"studio.job.completed", "studio.job.failed", "studio.job.rejected"}
STAGES = [
    ("accepted", "approved"),
    ("approved", "started"),
    ("started", "completed"),
    ("completed", "client"),
]


def settings(jobs: int) -> dict[str, str]:
    """Enough room for every job to be in flight at once in the generation service."""
    return {
        "GENERATION_WORKER__CONCURRENCY": str(jobs + 64),
        "GENERATION_HUGGINGFACE__CONCURRENCY": str(jobs + 64),
        "GENERATION_HUGGINGFACE__RATE_PER_S": "5000",
        "GENERATION_HUGGINGFACE__TIMEOUT_S": "60",
        "LIBRARY_WORKER__CONCURRENCY": "64",
        "TELEMETRY_LOG_LEVEL": "WARNING",
    }


@dataclass
class Run:
    expected: int
    submitted: dict[str, float] = field(default_factory=dict)
    ended: dict[str, tuple[float, dict[str, Any]]] = field(default_factory=dict)
    stamps: dict[str, dict[str, datetime]] = field(default_factory=dict)
    done: asyncio.Event = field(default_factory=asyncio.Event)


async def listen(http: httpx.AsyncClient, run: Run, opened: asyncio.Event) -> None:
    async with http.stream("GET", "/v1/events", timeout=None) as response:
        response.raise_for_status()
        opened.set()
        async for line in response.aiter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                stage = event["type"].rsplit(".", 1)[-1]
                stamps = run.stamps.setdefault(event["job_id"], {})
                stamps[stage] = datetime.fromisoformat(event["time"])
                if event["type"] in FINAL:
                    stamps["client"] = datetime.now(UTC)
                if event["type"] in FINAL:
                    run.ended[event["job_id"]] = (time.perf_counter(), event)
                    if len(run.ended) >= run.expected:
                        run.done.set()


async def tenant_run(url: str, key: str, jobs: int, start: asyncio.Event) -> Run:
    run = Run(expected=jobs)
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=jobs + 4)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120, limits=limits) as http:
        opened = asyncio.Event()
        listener = asyncio.create_task(listen(http, run, opened))
        await opened.wait()
        await start.wait()

        async def one() -> None:
            began = time.perf_counter()
            response = await http.post("/v1/jobs", json=JOB)
            response.raise_for_status()
            run.submitted[response.json()["id"]] = began

        await asyncio.gather(*(one() for _ in range(jobs)))
        await asyncio.wait_for(run.done.wait(), timeout=900)
        listener.cancel()
        with suppress(asyncio.CancelledError):
            await listener
    return run


async def measure(stack: LocalStack, keys: list[str], jobs: int) -> list[Run]:
    start = asyncio.Event()
    share = jobs // len(keys)
    runs = [asyncio.create_task(tenant_run(stack.gateway_url, k, share, start)) for k in keys]
    await asyncio.sleep(1)  # every SSE stream open
    start.set()
    return list(await asyncio.gather(*runs))


def report(title: str, runs: list[Run], latency_s: float, rss_kb: int | None) -> None:
    submitted = {job: t for run in runs for job, t in run.submitted.items()}
    ended = {job: end for run in runs for job, end in run.ended.items()}
    completed = {
        job: (t, event) for job, (t, event) in ended.items() if event["type"].endswith("completed")
    }
    e2e = sorted(t - submitted[job] for job, (t, _) in completed.items())
    provider = [_provider_s(event) for _, event in completed.values()]
    over = sorted(
        (t - submitted[job]) - _provider_s(event) for job, (t, event) in completed.items()
    )
    inside = sorted(
        event["data"]["duration_ms"] / 1000 - _provider_s(event) for _, event in completed.values()
    )
    wall = max(t for t, _ in completed.values()) - min(submitted.values())
    print(
        f"{title}: {len(completed)} of {len(submitted)} completed, emulator {latency_s:g} s/image"
    )
    print(f"  throughput        {len(completed) / wall:.1f} jobs/s ({wall:.1f} s wall)")
    print(f"  end to end        p50 {_q(e2e, 50):.2f} s  p99 {_q(e2e, 99):.2f} s")
    print(f"  provider latency  p50 {statistics.median(provider):.3f} s")
    for name, values in (("overhead, e2e", over), ("overhead, worker", inside)):
        p50, p99 = _q(values, 50), _q(values, 99)
        print(
            f"  {name:17} p50 {p50 * 1000:.0f} ms ({100 * p50 / latency_s:.1f}%)  "
            f"p99 {p99 * 1000:.0f} ms ({100 * p99 / latency_s:.1f}%)"
        )
    stamps = [run.stamps[job] for run in runs for job in run.ended if job in completed]
    print("  where the time goes (p50 between events):", end="")
    for before, after in STAGES:
        gaps = [
            (st[after] - st[before]).total_seconds()
            for st in stamps
            if before in st and after in st
        ]
        if gaps:
            print(f"  {before}→{after} {statistics.median(gaps) * 1000:.0f} ms", end="")
    print()
    if rss_kb is not None:
        print(f"  generation peak RSS {rss_kb / 1024:.0f} MiB")


def _provider_s(event: dict[str, Any]) -> float:
    ok = [a for a in event["data"]["attempts"] if a["outcome"] == "ok"]
    return float(sum(a["latency_ms"] for a in ok)) / 1000


def _q(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def peak_rss_kb(stack: LocalStack) -> int | None:
    process = next(p for p in stack.services() if p.name == "generation")
    pid = process.pid()
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


async def own_stack(root: Path, jobs: int, tenants: int) -> tuple[LocalStack, list[str]]:
    stack = LocalStack(root, Ports.free(), overrides=settings(jobs), emulated=True)
    await stack.start_servers()
    await stack.provision()
    admin = await stack.admin_key()
    await stack.start_services()
    keys = [
        await stack.tenant_key(admin, f"bench-{n}", "enterprise", 10**7) for n in range(tenants)
    ]
    return stack, keys


async def bench(root: Path, jobs: int, tenants: int, latency_s: float, warmup: int) -> None:
    stack, keys = await own_stack(root, jobs, tenants)
    try:
        emulator = EmulatorControl(stack.emulator_url)
        await emulator.behave("huggingface", latency_s=latency_s)
        report("warm-up", await measure(stack, keys[:1], warmup), latency_s, None)
        runs = await measure(stack, keys, jobs)
        report(f"{jobs} concurrent jobs", runs, latency_s, peak_rss_kb(stack))
        await emulator.close()
    finally:
        stack.stop()


def main(
    jobs: Annotated[int, typer.Option(help="Jobs submitted at once.")] = 1000,
    tenants: Annotated[int, typer.Option(help="Tenants sharing them.")] = 10,
    latency: Annotated[float, typer.Option(help="Emulated provider seconds per image.")] = 2.0,
    warmup: Annotated[int, typer.Option(help="Jobs run first, not measured.")] = 20,
) -> None:
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as root:
        asyncio.run(bench(Path(root), jobs, tenants, latency, warmup))


if __name__ == "__main__":
    typer.run(main)
