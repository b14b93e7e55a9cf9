"""The volume benchmark's scenarios on one running stack (see `bench/volume.py`)."""

import asyncio
import json
import time
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
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
)
from procstats import SERVERS, Spent, Stack
from pymongo import AsyncMongoClient

Results = dict[str, Any]
TENANTS = 4
BULK_REQUESTS = "studio.jobs.requested.bulk"
PROGRESS_FIELDS = {"progress", "cost", "error", "provider", "model", "cached_from"}
ACCEPTED_BULK = {
    "status": "accepted",
    "status_rank": 0,
    "lane": "bulk",
    "batch_id": "bat_floor",
    "asset_ids": [],
    "attempts": [],
    "failures": [],
}
"""A completed job record put back to how a campaign's job is accepted."""


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


async def tenant_key(url: str, admin: str, name: str, plan: str, credits: int) -> str:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        body = {"name": name, "plan": plan, "credits": credits}
        answer = await http.post(
            "/v1/admin/tenants", json=body, headers={"Authorization": f"Bearer {admin}"}
        )
        answer.raise_for_status()
        return str(answer.json()["api_key"])


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


async def campaign(facts: dict[str, Any], rows: int, beside_s: float) -> Results:
    url, admin = facts["gateway_url"], facts["admin_key"]
    owner_key = await tenant_key(url, admin, "agency", "pro", 0)
    single = Tenant(url, await tenant_key(url, admin, "other", "enterprise", 10**6))
    owner = httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {owner_key}"}, timeout=600
    )
    try:
        await single.open()
        await _packs(owner, admin, rows)
        for _ in range(5):
            await single.run(DRAFT_64, 60)
        idle_runs = [await single.run(DRAFT_64, 60) for _ in range(40)]
        floor_s = await _insert_floor(facts["mongo"], facts["mongo_database"], rows)
        results = await _accept(owner, facts["kafka"], rows) | {"e.insert_floor_s": floor_s}
        beside = await _beside(single, beside_s)
        idle_e2e = [r.ended - r.sent for r in completed(idle_runs)]
        beside_e2e = [r.ended - r.sent for r in completed(beside)]
        results |= {
            "e.single_idle_p99_ms": 1000 * quantile(idle_e2e, 99),
            "e.single_beside_p50_ms": 1000 * quantile(beside_e2e, 50),
            "e.single_beside_p99_ms": 1000 * quantile(beside_e2e, 99),
            "e.single_beside_jobs": len(beside_e2e),
        }
        return results
    finally:
        await single.close()
        await owner.aclose()


async def _packs(owner: httpx.AsyncClient, admin: str, rows: int) -> None:
    tenant_id = (await owner.get("/v1/billing/account")).json()["tenant_id"]
    for n in range(-(-rows // 500)):
        granted = await owner.post(
            f"/v1/admin/tenants/{tenant_id}/packs",
            json={"pack": "images-500"},
            headers={"Authorization": f"Bearer {admin}", "Idempotency-Key": f"volume-{n}"},
        )
        granted.raise_for_status()


async def _accept(owner: httpx.AsyncClient, kafka: str, rows: int) -> Results:
    params: dict[str, Any] = dict(DRAFT_64["params"])
    jobs = [{"kind": "generate", "params": params | {"prompt": f"shot {n}"}} for n in range(rows)]
    requests = BulkRequests(kafka)
    await requests.start()
    try:
        began_ms = time.time() * 1000
        began = time.perf_counter()
        answer = await owner.post("/v1/batches", json={"name": "volume", "jobs": jobs})
        answer.raise_for_status()
        accepted_s = time.perf_counter() - began
        last_ms = await requests.last_of(answer.json()["id"], rows, timeout_s=600)
    finally:
        await requests.stop()
    return {"e.accepted_s": accepted_s, "e.enqueued_s": (last_ms - began_ms) / 1000}


class BulkRequests:
    """The records put on the bulk request topic from now on, read as they come. (Tansu's
    reported end offsets fall short by up to a batch, so they are counted, not subtracted.)"""

    def __init__(self, kafka: str) -> None:
        self._consumer = AIOKafkaConsumer(bootstrap_servers=kafka, enable_auto_commit=False)
        self._times: dict[str, list[int]] = {}
        self._reading: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._consumer.start()
        parts = self._consumer.partitions_for_topic(BULK_REQUESTS) or {0}
        assigned = [TopicPartition(BULK_REQUESTS, p) for p in parts]
        self._consumer.assign(assigned)
        await self._consumer.seek_to_end(*assigned)
        for tp in assigned:
            await self._consumer.position(tp)
        self._reading = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for record in self._consumer:
            batch_id = json.loads(record.value).get("batch_id")
            self._times.setdefault(str(batch_id), []).append(record.timestamp)

    async def last_of(self, batch_id: str, rows: int, timeout_s: float) -> float:
        """When the batch's last request was produced (epoch ms; NaN if it never was)."""
        deadline = time.perf_counter() + timeout_s
        while len(self._times.get(batch_id, [])) < rows:
            if time.perf_counter() > deadline:
                return float("nan")
            await asyncio.sleep(0.05)
        return float(max(self._times[batch_id]))

    async def stop(self) -> None:
        if self._reading is not None:
            self._reading.cancel()
        await self._consumer.stop()


async def _insert_floor(mongo_url: str, database: str, rows: int) -> float:
    """Seconds the idle stack's MongoDB takes for one `insert_many` of `rows` copies of a job
    record (made a campaign's) into a scratch collection with the job collection's indexes:
    the floor under the campaign's 202, whatever the gateway does."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        db = client[database]
        done = await db["jobs"].find_one({"status": "completed"})
        assert done is not None
        record = {k: v for k, v in done.items() if k not in PROGRESS_FIELDS} | ACCEPTED_BULK
        scratch = db["bench_insert_floor"]
        for name, index in (await db["jobs"].index_information()).items():
            if name != "_id_":
                options = {k: index[k] for k in ("unique", "partialFilterExpression") if k in index}
                await scratch.create_index(index["key"], **options)
        docs = [record | {"_id": f"{record['_id']}-{n}"} for n in range(rows)]
        began = time.perf_counter()
        await scratch.insert_many(docs)
        seconds = time.perf_counter() - began
        await scratch.drop()
        return seconds
    finally:
        await client.close()


async def _beside(single: Tenant, seconds: float) -> list[Timed]:
    deadline = time.perf_counter() + seconds
    runs: list[Timed] = []

    async def client() -> None:
        while time.perf_counter() < deadline:
            runs.append(await single.run(DRAFT_64, 120))

    await asyncio.gather(*(client() for _ in range(4)))
    return runs
