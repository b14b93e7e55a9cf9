"""Scale-out: the same load on 1 or 2 gateways and 1 or 3 replicas of each worker, in one run;
then a generation replica killed (-9) and one started again under steady load.

One stack on free ports (servers, emulator, every service, with room for 2 gateways and 3 of
each worker: `bench/scale_topology.py`) is put in each configuration in turn by starting and
stopping instances: a. 1 gateway + 1 replica per worker, b. 2 gateways + 1, c. 1 gateway + 3,
d. 2 gateways + 3; the workers are what a draft job passes through (projector, billing,
library, generation). Each configuration takes the same closed-loop load: `--jobs` 64x64 draft
`generate` jobs from 4 tenants, `--concurrency` in flight, each tenant submitting straight to one
gateway instance's port and streaming from one projector's, spread evenly. Printed per
configuration: jobs/s completed, submit and end-to-end p50/p99, the ratio to a, and each
process's CPU (who saturates). `--rounds` alternate the configurations (this machine drifts);
the medians are shown.

Then the rebalance: `--steady-rate` jobs/s (default: half of c's throughput) for `--steady-s`
seconds on c; 15 % in, generation-3 is killed (-9); half-way, it starts again, and is ready once
it joined its groups. After each event: the longest time no job completed (the rebalance pause),
how long until completions are back at 90 % of the offered rate; and completions per second.
Last, the sizes the capacity model needs (`bench/scale_sizes.py`); `--record` writes them and
a's per-job figures to `bench/capacity_inputs.json`, with this command and the date.

    python bench/scale.py --record               # the full run, 7-9 minutes
    python bench/scale.py --jobs 300 --rounds 1  # a smoke run, about 4
"""

import asyncio
import math
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # the test photos (tests/support)

from capacity import record
from loadgen import DRAFT_64, Tenant, Timed, burst, completed, drained_per_s, tenant_key
from pipeline import median_of
from procstats import Spent
from scale_rebalance import Event, steady_load_with_events
from scale_report import print_report
from scale_sizes import documents_per_job, image_sizes, photo_bytes_per_pixel
from scale_topology import CONFIGS, Config, arrange, clients, measured, scaled_stack, urls
from scenarios import latencies

from deploy.local.stack import LocalStack

Figures = dict[str, float]
TENANTS = 4
STEADY_TENANTS = 2
"""Client processes of the rebalance's open loop (one a tenant)."""
WARMUP = 40
SETTLED_S = 2.0
SETTLE_TRIES = 8
TAIL_S = 2.0
"""After the last `completed`: settlements and asset records finish before CPU is read."""
STEADY_SHARE = 0.5
STARTED = time.monotonic()
RECORDED = ("cpu_ms_per_job.", "writes_per_job.", "commands_per_job", "messages_per_job")
"""Configuration a's figures the capacity model reads (one instance of each service), and the
per-process commands beside them."""


@dataclass
class Results:
    by_config: dict[str, Figures]
    steady_rate: float
    steady: list[Timed]
    events: list[Event]
    sizes: Figures


async def run(
    stack: LocalStack,
    jobs: int,
    concurrency: int,
    rounds: int,
    steady_rate: float | None,
    steady_s: float,
) -> Results:
    await stack.start_servers()
    await stack.provision()
    admin = await stack.admin_key()
    await arrange(stack, CONFIGS[0])
    url = urls(stack, "gateway", CONFIGS[0])[0]
    keys = [
        await tenant_key(url, admin, f"scale-{n}", "enterprise", 10**8)
        for n in range(TENANTS + STEADY_TENANTS)
    ]
    runs: dict[str, list[Figures]] = {config.name: [] for config in CONFIGS}
    for n in range(rounds):
        for config in CONFIGS:
            say(f"round {n + 1}: {config.title}")
            await arrange(stack, config)
            runs[config.name].append(
                await measure(stack, config, keys[:TENANTS], jobs, concurrency)
            )
    by_config = {name: median_of(figures) for name, figures in runs.items()}
    rate = steady_rate or STEADY_SHARE * by_config["c"]["jobs/s"]
    say(f"rebalance: {rate:.0f} jobs/s for {steady_s:.0f} s on c")
    steady_runs, events = await steady_load_with_events(
        stack, CONFIGS[2], keys[TENANTS:], rate, steady_s
    )
    say("sizes")
    sizes = await sized(stack, CONFIGS[0], keys[0])
    return Results(by_config, rate, steady_runs, events, sizes)


def say(text: str) -> None:
    print(f"## {time.monotonic() - STARTED:4.0f} s: {text}", flush=True)


async def measure(
    stack: LocalStack, config: Config, keys: list[str], jobs: int, concurrency: int
) -> Figures:
    """The burst on `config`: throughput, latencies and what each process spent."""
    tenants = clients(stack, config, keys)
    try:
        for tenant in tenants:
            await tenant.open()
        await settle(tenants)
        processes = measured(stack)
        before = await asyncio.to_thread(processes.snapshot)
        runs = await burst(tenants, jobs, concurrency, DRAFT_64)
        await asyncio.sleep(TAIL_S)
        spent = Spent.between(before, await asyncio.to_thread(processes.snapshot))
    finally:
        for tenant in tenants:
            await tenant.close()
    return figures_of(runs, spent)


async def settle(tenants: list[Tenant]) -> None:
    """Warm-up bursts until one ends quickly: the groups' rebalances after instances came or
    went are over (each member joining or leaving stops its group for seconds)."""
    for _ in range(SETTLE_TRIES):
        runs = await burst(tenants, WARMUP, 8, DRAFT_64)
        slowest = max((r.ended - r.sent for r in completed(runs)), default=math.inf)
        if len(completed(runs)) == len(runs) and slowest < SETTLED_S:
            return
    say(f"not settled after {SETTLE_TRIES} warm-ups (the last one's slowest: {slowest:.1f} s)")


def figures_of(runs: list[Timed], spent: Spent) -> Figures:
    done = max(1, len(completed(runs)))
    wall = max(r.ended for r in completed(runs)) - min(r.sent for r in runs)
    figures: Figures = {"jobs/s": drained_per_s(runs), **latencies("burst", runs)}
    figures |= {f"cpu_pct.{n}": 100 * s / wall for n, s in spent.cpu.items()}
    figures |= {f"cpu_ms_per_job.{n}": 1000 * s / done for n, s in spent.cpu.items()}
    figures |= {f"writes_per_job.{c}": w / done for c, w in spent.writes.items()}
    figures |= {f"commands_per_job.{n}": c / done for n, c in spent.commands.items()}
    figures["commands_per_job"] = sum(spent.commands.values()) / done
    figures["messages_per_job"] = sum(spent.records.values()) / done
    return figures


async def sized(stack: LocalStack, config: Config, key: str) -> Figures:
    await arrange(stack, config)
    tenant = Tenant(urls(stack, "gateway", config)[0], key, 8, urls(stack, "projector", config)[0])
    try:
        await tenant.open()
        figures = await image_sizes(tenant, measured(stack))
    finally:
        await tenant.close()
    return figures | photo_bytes_per_pixel() | await documents_per_job(stack)


def recorded(results: Results) -> Figures:
    a = results.by_config["a"]
    chosen = {k: v for k, v in a.items() if k.startswith(RECORDED)}
    return chosen | {k: v for k, v in results.sizes.items() if k != "jobs_counted"}


def main(
    jobs: Annotated[int, typer.Option(help="Jobs of each configuration's burst.")] = 1500,
    concurrency: Annotated[int, typer.Option(help="Submissions in flight at once.")] = 64,
    rounds: Annotated[int, typer.Option(help="Rounds of the four configurations.")] = 2,
    steady_rate: Annotated[
        float | None, typer.Option(help="Jobs/s of the rebalance load (default: c's half).")
    ] = None,
    steady_s: Annotated[float, typer.Option(help="Seconds of the rebalance load.")] = 80,
    record_inputs: Annotated[
        bool, typer.Option("--record", help="Write the figures to bench/capacity_inputs.json.")
    ] = False,
) -> None:
    with tempfile.TemporaryDirectory(prefix="studio-scale-") as root:
        stack = scaled_stack(Path(root))
        try:
            results = asyncio.run(run(stack, jobs, concurrency, rounds, steady_rate, steady_s))
        finally:
            stack.stop()
    print_report(results.by_config, results.steady, results.events, results.steady_rate)
    print_sizes(results.sizes)
    say("done")
    if record_inputs:
        record(recorded(results), " ".join(["python bench/scale.py", *sys.argv[1:]]))


def print_sizes(sizes: Figures) -> None:
    print("\nsizes for the capacity model (bench/capacity_inputs.json):")
    for name, value in sorted(sizes.items()):
        print(f"  {name}: {value:,.4g}")


if __name__ == "__main__":
    typer.run(main)
