"""Billing's pre-flight: how many reservations per second it makes, and what it adds to a job.

Starts its own stack without the generation service (so rendering does not compete for the CPU),
creates a tenant through the admin API, then publishes `job.requested` events straight to Kafka:
- `burst`: N requests of one tenant at once; reservations/s = N / time to the last `approved`;
- `one at a time`: each request after the previous approval, for billing's own latency.
Latency is `approved.time - requested.time` (both stamped on this machine): the time billing
adds on the path from submit to completed.

    python bench/billing.py --jobs 1000
"""

import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import httpx
import typer
from aiokafka import AIOKafkaConsumer

from contracts.events import JOB_EVENT, JobApprovedEvent, JobRequested, JobRequestedEvent
from contracts.topics import event_topic, request_topic
from deploy.local.servers import Ports
from deploy.local.stack import LocalStack
from shared.bus import EventBus
from shared.ids import new_id

Measured = tuple[float, list[float]]
"""Reservations per second, and each one's latency in seconds."""
PARAMS = {"prompt": "bench", "quality": "draft", "width": 64, "height": 64}


def request(tenant_id: str) -> JobRequestedEvent:
    job_id = new_id("job")
    spec = JobRequested(kind="generate", params=PARAMS, submitted_at=datetime.now(UTC))
    return JobRequestedEvent(
        id=f"{job_id}:requested", source="/bench", tenant_id=tenant_id, job_id=job_id, data=spec
    )


async def approvals(consumer: AIOKafkaConsumer, wanted: set[str], found: dict[str, float]) -> None:
    """Collect `approved` events of the wanted jobs: job id → seconds billing took."""
    while not wanted <= found.keys():
        batches = await consumer.getmany(timeout_ms=200)
        for record in (r for batch in batches.values() for r in batch):
            event = JOB_EVENT.validate_json(record.value)
            if isinstance(event, JobApprovedEvent) and event.job_id in wanted:
                found[event.job_id] = event.time.timestamp()


async def run(stack: LocalStack, tenant_id: str, jobs: int) -> None:
    bus = EventBus(stack.kafka_settings(), client_id="bench")
    await bus.start()
    consumer = AIOKafkaConsumer(
        event_topic("interactive"),
        bootstrap_servers=stack.kafka_settings().bootstrap_servers,
        auto_offset_reset="latest",
    )
    await consumer.start()
    await consumer.getmany(timeout_ms=1000)  # joined, positioned at the end
    try:
        report("one at a time", await paced(bus, consumer, tenant_id, max(20, jobs // 10)))
        report("burst", await burst(bus, consumer, tenant_id, jobs))
    finally:
        await consumer.stop()
        await bus.stop()


async def paced(bus: EventBus, consumer: AIOKafkaConsumer, tenant_id: str, count: int) -> Measured:
    began, latencies = time.perf_counter(), []
    for _ in range(count):
        event = request(tenant_id)
        found: dict[str, float] = {}
        await bus.publish(request_topic("interactive"), event)
        await approvals(consumer, {event.job_id}, found)
        latencies.append(found[event.job_id] - event.time.timestamp())
    return count / (time.perf_counter() - began), latencies


async def burst(bus: EventBus, consumer: AIOKafkaConsumer, tenant_id: str, count: int) -> Measured:
    events = [request(tenant_id) for _ in range(count)]
    found: dict[str, float] = {}
    collector = asyncio.create_task(approvals(consumer, {e.job_id for e in events}, found))
    began = time.time()
    await asyncio.gather(*(bus.publish(request_topic("interactive"), event) for event in events))
    await asyncio.wait_for(collector, 600)
    rate = count / (max(found.values()) - began)
    return rate, [found[e.job_id] - e.time.timestamp() for e in events]


def report(title: str, measured: Measured) -> None:
    rate, latencies = measured
    q = statistics.quantiles(sorted(latencies), n=100, method="inclusive")
    throughput = f", {rate:.1f} reservations/s" if title == "burst" else ""
    print(f"{title}: {len(latencies)} requests{throughput}")
    p50, p99 = q[49] * 1000, q[98] * 1000
    print(f"  billing latency (requested -> approved)  p50 {p50:.0f} ms  p99 {p99:.0f} ms")


async def own_stack(root: Path) -> tuple[LocalStack, str]:
    stack = LocalStack(root, Ports.free())
    await stack.start_servers()
    await stack.provision()
    admin = await stack.admin_key()
    await stack.start_services(only=["gateway", "library", "billing"])
    key = await stack.tenant_key(admin, "bench", "enterprise", 100_000_000)
    async with httpx.AsyncClient(base_url=stack.gateway_url) as http:
        account = await http.get("/v1/billing/account", headers={"Authorization": f"Bearer {key}"})
    return stack, str(account.json()["tenant_id"])


def main(jobs: Annotated[int, typer.Option(help="Requests in the burst.")] = 1000) -> None:
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as root:
        stack, tenant_id = asyncio.run(own_stack(Path(root)))
        try:
            asyncio.run(run(stack, tenant_id, jobs))
        finally:
            stack.stop()


if __name__ == "__main__":
    typer.run(main)
