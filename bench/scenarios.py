"""The volume benchmark's scenarios on one running stack (see `bench/volume.py`)."""

import asyncio
from typing import Any

import httpx
from campaign import campaign
from loadgen import (
    DRAFT_64,
    SLOW_256,
    Tenant,
    Timed,
    burst,
    completed,
    drained_per_s,
    open_loop,
    quantile,
    tenant_key,
)
from procstats import SERVERS, Spent, Stack

Results = dict[str, Any]
TENANTS = 4


async def run_scenarios(
    facts: dict[str, Any], stack: Stack, options: dict[str, Any], rate: float | None
) -> Results:
    results: Results = {}
    url, admin = facts["gateway_url"], facts["admin_key"]
    keys = [
        await tenant_key(url, admin, f"volume-{n}", "enterprise", 10**8) for n in range(TENANTS)
    ]
    tenants = [Tenant(url, key, connections=400) for key in keys]
    only = options["only"]
    try:
        for tenant in tenants:
            await tenant.open()
        await burst(tenants, 40, 8, DRAFT_64)  # warm-up
        if "a" in only:
            results |= await idle(stack, tenants, options["idle_s"])
        if "b" in only:
            results |= await burst_of(stack, tenants, options["burst"])
        if "c" in only and (rate or results.get("b.drained_per_s")):
            steady = rate or 0.8 * results["b.drained_per_s"]
            own = [  # tenants of their own: the streams above do not hear these jobs
                await tenant_key(url, admin, f"volume-open-{n}", "enterprise", 10**8)
                for n in range(TENANTS)
            ]
            results |= await open_loops(url, own, steady, options["open_s"])
        if "d" in only:
            results |= await slow_provider(facts, stack, tenants, options["slow"])
    finally:
        for tenant in tenants:
            await tenant.close()
    if "e" in only:
        results |= await campaign(facts, options["campaign"], options["beside_s"])
    return results


async def idle(stack: Stack, tenants: list[Tenant], seconds: float) -> Results:
    await asyncio.sleep(10)  # the warm-up's after-effects end
    before = stack.snapshot()
    await asyncio.sleep(seconds)
    spent = Spent.between(before, stack.snapshot())
    first = await tenants[0].run(DRAFT_64, 60)
    results: Results = {
        f"a.idle_pct.{n}": 100 * cpu / spent.seconds for n, cpu in spent.cpu.items()
    }
    results["a.idle_pct.services"] = sum(
        v for k, v in results.items() if k.rsplit(".", 1)[-1] not in SERVERS
    )
    results["a.idle_pct.total"] = 100 * sum(spent.cpu.values()) / spent.seconds
    results["a.first_after_idle_ms"] = 1000 * (first.ended - first.sent)
    one_at_a_time = [await tenants[0].run(DRAFT_64, 60) for _ in range(20)]
    results["a.one_at_a_time_p50_ms"] = 1000 * quantile(
        [r.ended - r.sent for r in completed(one_at_a_time)], 50
    )
    return results


async def burst_of(stack: Stack, tenants: list[Tenant], jobs: int) -> Results:
    before = stack.snapshot()
    runs = await burst(tenants, jobs, 64, DRAFT_64)
    await asyncio.sleep(3)  # settlements and records after the last `completed`
    spent = Spent.between(before, stack.snapshot())
    done = len(completed(runs))
    results: Results = {"b.completed": done, "b.drained_per_s": drained_per_s(runs)}
    for name, cpu in spent.cpu.items():
        results[f"b.cpu_ms_per_job.{name}"] = 1000 * cpu / done
    services = [n for n in spent.cpu if n not in SERVERS]
    results["b.cpu_ms_per_job.services"] = sum(1000 * spent.cpu[n] / done for n in services)
    servers = [n for n in spent.cpu if n in SERVERS]
    results["b.cpu_ms_per_job.servers"] = sum(1000 * spent.cpu[n] / done for n in servers)
    for name, count in spent.commands.items():
        results[f"b.db_calls_per_job.{name}"] = count / done
    for name, count in spent.records.items():
        results[f"b.messages_per_job.{name}"] = count / done
    results["b.db_calls_per_job.total"] = sum(spent.commands.values()) / done
    results["b.messages_per_job.total"] = sum(spent.records.values()) / done
    results |= latencies("b", runs)
    return results


def latencies(prefix: str, runs: list[Timed]) -> Results:
    submit = [r.answered - r.sent for r in runs if r.answered]
    end = [r.ended - r.sent for r in completed(runs)]
    return {
        f"{prefix}.submit_p50_ms": 1000 * quantile(submit, 50),
        f"{prefix}.submit_p99_ms": 1000 * quantile(submit, 99),
        f"{prefix}.completed_p50_ms": 1000 * quantile(end, 50),
        f"{prefix}.completed_p99_ms": 1000 * quantile(end, 99),
        f"{prefix}.not_completed": len(runs) - len(completed(runs)),
    }


async def open_loops(url: str, keys: list[str], rate: float, seconds: float) -> Results:
    results: Results = {}
    for name, offered in (("c1", rate), ("c5", 5 * rate)):
        runs = await asyncio.to_thread(open_loop, url, keys, offered, seconds, DRAFT_64, 120)
        began = min(r.sent for r in runs)
        results[f"{name}.offered_per_s"] = offered
        results[f"{name}.accepted_per_s"] = len([r for r in runs if r.answered]) / max(
            1e-9, max(r.answered for r in runs) - began
        )
        results |= latencies(name, runs)
        await asyncio.sleep(5)
    return results


async def slow_provider(
    facts: dict[str, Any], stack: Stack, tenants: list[Tenant], jobs: int
) -> Results:
    async with httpx.AsyncClient(base_url=facts["emulator_url"], timeout=10) as emulator:
        behaviour = {"latency_s": 2.0, "faults": []}
        (await emulator.put("/_emulator/huggingface", json=behaviour)).raise_for_status()
        await burst(tenants, 8, 8, SLOW_256)  # warm-up of the provider route
        before = stack.snapshot()
        runs = await burst(tenants, jobs, jobs, SLOW_256)
        spent = Spent.between(before, stack.snapshot())
        (await emulator.post("/_emulator/reset")).raise_for_status()
    done = completed(runs)
    overhead = [(r.ended - r.sent) - _provider_s(r.event) for r in done]
    cpu = {f"d.cpu_ms_per_job.{n}": 1000 * s / max(1, len(done)) for n, s in spent.cpu.items()}
    return cpu | {
        "d.completed": len(done),
        "d.overhead_p50_ms": 1000 * quantile(overhead, 50),
        "d.overhead_p99_ms": 1000 * quantile(overhead, 99),
        "d.overhead_p50_pct": 100 * quantile(overhead, 50) / 2.0,
        "d.drained_per_s": drained_per_s(runs),
    }


def _provider_s(event: dict[str, Any]) -> float:
    ok = [a for a in event["data"]["attempts"] if a["outcome"] == "ok"]
    return float(sum(a["latency_ms"] for a in ok)) / 1000
