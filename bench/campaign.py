"""The volume benchmark's campaign scenario (e): one big `POST /v1/batches`, when all its jobs
are on the bulk request topic, the database's floor under its 202, and single jobs beside it."""

import asyncio
import json
import time
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from loadgen import DRAFT_64, Tenant, Timed, completed, images_for, quantile, tenant_key
from pymongo import AsyncMongoClient

Results = dict[str, Any]
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


async def campaign(facts: dict[str, Any], rows: int, beside_s: float) -> Results:
    url, admin = facts["gateway_url"], facts["admin_key"]
    owner_key = await tenant_key(url, admin, "agency", "pro", 0)
    single = Tenant(url, await tenant_key(url, admin, "other", "enterprise", 10**6))
    owner = httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {owner_key}"}, timeout=600
    )
    try:
        await single.open()
        await images_for(owner, admin, rows)
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
