"""Campaigns: accepting a 10,000-job batch, and single jobs of another tenant while it runs.

On its own stack (free ports; draft jobs, 64x64):
1. `baseline`: single jobs one after another on the idle stack, for their latency alone;
2. `accept`: `POST /v1/batches` with `--jobs` jobs (bulk lane): the time to the 202 answer, then
   the time until every job's `job.requested` is on the bulk request topic (enqueued);
3. `both lanes`: for `--seconds`, `--clients` clients of another tenant each run single jobs back
   to back while the campaign runs; printed are the jobs/s through the stack (campaign and single
   jobs together) and the single jobs' latency from submission to their `completed` event (SSE).
Then the rest of the campaign is cancelled, and the stack stopped.

    python bench/batch.py --jobs 10000 --seconds 120 --clients 4
"""

import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from aiokafka import AIOKafkaConsumer, TopicPartition
from loadgen import images_for

from contracts.topics import request_topic
from deploy.local.servers import Ports
from deploy.local.stack import LocalStack

PARAMS = {"quality": "draft", "width": 64, "height": 64}
SINGLE = {"kind": "generate", "params": {"prompt": "a single job", **PARAMS}}
FINAL = {"studio.job.completed", "studio.job.failed", "studio.job.rejected"}


def campaign(jobs: int) -> dict[str, Any]:
    rows = [{"kind": "generate", "params": {"prompt": f"shot {n}", **PARAMS}} for n in range(jobs)]
    return {"name": "bench", "jobs": rows}


class SingleJobs:
    """Single jobs of one tenant, each timed from its submission to its `completed` event on the
    tenant's SSE stream (which the gateway sends once the job's assets are listed)."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self._ended: dict[str, asyncio.Future[str]] = {}

    async def listen(self, opened: asyncio.Event) -> None:
        async with self.http.stream("GET", "/v1/events", timeout=None) as response:
            response.raise_for_status()
            opened.set()
            async for line in response.aiter_lines():
                if line.startswith("data:"):
                    event = json.loads(line[5:])
                    if event["type"] in FINAL:
                        ended = self._ending(event["job_id"])
                        if not ended.done():
                            ended.set_result(event["type"])

    async def run_one(self) -> float:
        """Seconds from submitting a single job to its `completed` event."""
        began = time.perf_counter()
        answer = await self.http.post("/v1/jobs", json=SINGLE)
        answer.raise_for_status()
        ended = self._ending(answer.json()["id"])  # its end may have come before the answer
        if (outcome := await asyncio.wait_for(ended, 300)) != "studio.job.completed":
            raise RuntimeError(f"a single job ended {outcome}")
        return time.perf_counter() - began

    def _ending(self, job_id: str) -> asyncio.Future[str]:
        return self._ended.setdefault(job_id, asyncio.get_running_loop().create_future())


async def requested_on_bulk(kafka: str) -> int:
    """Records on the bulk request topic so far."""
    consumer = AIOKafkaConsumer(bootstrap_servers=kafka)
    await consumer.start()
    try:
        topic = request_topic("bulk")
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or {0}]
        ends = await consumer.end_offsets(partitions)
        return sum(ends.values())
    finally:
        await consumer.stop()


async def accept(http: httpx.AsyncClient, kafka: str, jobs: int) -> str:
    before = await requested_on_bulk(kafka)
    began = time.perf_counter()
    answer = await http.post("/v1/batches", json=campaign(jobs), timeout=300)
    answer.raise_for_status()
    accepted_s = time.perf_counter() - began
    while True:
        if await requested_on_bulk(kafka) - before >= jobs:
            break
        await asyncio.sleep(0.1)
    enqueued_s = time.perf_counter() - began
    print(f"accept: {jobs} jobs in one batch")
    print(f"  202 answer  {accepted_s:.2f} s")
    print(f"  enqueued    {enqueued_s:.2f} s  ({jobs / enqueued_s:.0f} jobs/s)")
    return str(answer.json()["id"])


async def completed_of(http: httpx.AsyncClient, batch_id: str) -> int:
    return int((await http.get(f"/v1/batches/{batch_id}")).json()["counts"]["completed"])


async def both_lanes(
    owner: httpx.AsyncClient, singles: SingleJobs, batch_id: str, seconds: float, clients: int
) -> None:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def one_client() -> None:
        while time.perf_counter() < deadline:
            latencies.append(await singles.run_one())

    first = await completed_of(owner, batch_id)
    began = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    wall = time.perf_counter() - began
    campaign_done = await completed_of(owner, batch_id) - first
    print(f"both lanes: {wall:.0f} s, {clients} single-job clients beside the campaign")
    print(
        f"  throughput  {(campaign_done + len(latencies)) / wall:.1f} jobs/s  "
        f"(campaign {campaign_done / wall:.1f}, single {len(latencies) / wall:.1f})"
    )
    report("  single", latencies)


def report(title: str, latencies: list[float]) -> None:
    if len(latencies) < 2:
        print(f"{title}  {len(latencies)} jobs: too few to give percentiles")
        return
    q = statistics.quantiles(sorted(latencies), n=100, method="inclusive")
    print(
        f"{title}  {len(latencies)} jobs: p50 {q[49] * 1000:.0f} ms  p95 {q[94] * 1000:.0f} ms  "
        f"p99 {q[98] * 1000:.0f} ms  max {max(latencies) * 1000:.0f} ms"
    )


async def measure(stack: LocalStack, jobs: int, seconds: float, clients: int) -> None:
    admin = await stack.admin_key()
    owner_key = await stack.tenant_key(admin, "agency", "pro", 0)
    other_key = await stack.tenant_key(admin, "other", "enterprise", 100_000)
    kafka = stack.kafka_settings().bootstrap_servers
    async with client(stack, owner_key) as owner, client(stack, other_key) as other:
        await images_for(owner, admin, jobs)
        singles, opened = SingleJobs(other), asyncio.Event()
        listener = asyncio.create_task(singles.listen(opened))
        await opened.wait()
        for _ in range(5):  # warm-up
            await singles.run_one()
        report("baseline (idle stack, one at a time)", [await singles.run_one() for _ in range(50)])
        batch_id = await accept(owner, kafka, jobs)
        await both_lanes(owner, singles, batch_id, seconds, clients)
        listener.cancel()
        cancelled = await owner.post(f"/v1/batches/{batch_id}/cancel")
        cancelled.raise_for_status()


def client(stack: LocalStack, key: str) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.AsyncClient(base_url=stack.gateway_url, headers=headers, timeout=60)


async def own_stack(root: Path) -> LocalStack:
    stack = LocalStack(root, Ports.free())
    await stack.start_servers()
    await stack.provision()
    await stack.start_services()
    return stack


def main(
    jobs: Annotated[int, typer.Option(help="Jobs in the campaign.")] = 10_000,
    seconds: Annotated[float, typer.Option(help="Length of the both-lanes run.")] = 120,
    clients: Annotated[int, typer.Option(help="Single-job clients beside the campaign.")] = 4,
) -> None:
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as root:
        stack = asyncio.run(own_stack(Path(root)))
        try:
            asyncio.run(measure(stack, jobs, seconds, clients))
        finally:
            stack.stop()


if __name__ == "__main__":
    typer.run(main)
