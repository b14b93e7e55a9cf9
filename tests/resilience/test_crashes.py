"""Nothing accepted is lost: a worker killed mid-job, a broker that loses its log."""

import asyncio
import json
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from contracts.topics import SHOWN, event_topic
from tests.support.bus import read_to_end
from tests.support.client import draft_job, events_until, finished
from tests.support.stack import RunningStack


async def completions_on_the_bus(stack: RunningStack, job_id: str) -> int:
    """How many `completed` records of the job the events topic holds (read from the start)."""
    consumer = AIOKafkaConsumer(
        event_topic("interactive"),
        bootstrap_servers=f"127.0.0.1:{stack.local.ports.kafka}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        records = await read_to_end(consumer)
    finally:
        await consumer.stop()
    return sum(
        1
        for r in records
        if r.key == job_id.encode() and dict(r.headers)["ce_type"] == b"studio.job.completed"
    )


async def wait_final(api: httpx.AsyncClient, job_ids: list[str], timeout_s: float) -> list[Any]:
    """The jobs once all have ended; on timeout, fails with where each one stands."""
    jobs: list[Any] = []
    deadline = asyncio.get_running_loop().time() + timeout_s
    while asyncio.get_running_loop().time() < deadline:
        jobs = [(await api.get(f"/v1/jobs/{job_id}")).json() for job_id in job_ids]
        if all(job["status"] in ("completed", "failed", "rejected") for job in jobs):
            return jobs
        await asyncio.sleep(0.5)
    raise AssertionError([(job["id"], job["status"], job["updated_at"]) for job in jobs])


async def test_worker_killed_mid_job_completes_it_exactly_once(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    job = (await api.post("/v1/jobs", json=draft_job(variations=8, width=2048, height=2048))).json()
    await events_until(
        api, lambda evs: any(e["type"] == "studio.job.progress" for e in evs), job_ids=[job["id"]]
    )
    stack.services["generation"].kill()
    await stack.start_service("generation")

    events = await events_until(api, finished([job["id"]]), job_ids=[job["id"]], timeout_s=120)
    assert [e["type"] for e in events].count("studio.job.completed") == 1
    assert events[-1]["type"] == "studio.job.completed"
    assets = (await api.get("/v1/assets", params={"job_id": job["id"], "limit": 100})).json()
    assert len(assets["items"]) == 8
    assert len({a["id"] for a in assets["items"]}) == 8
    assert {a["variation"] for a in assets["items"]} == set(range(8))
    assert await completions_on_the_bus(stack, job["id"]) == 1


async def test_broker_restart_loses_no_accepted_job(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    jobs = [
        (await api.post("/v1/jobs", json=draft_job(variations=3, width=512, height=512))).json()
        for _ in range(6)
    ]
    kafka = stack.server("kafka")
    kafka.kill()
    late = (
        await api.post("/v1/jobs", json=draft_job())
    ).json()  # accepted while the broker is down
    assert late["status"] == "accepted"
    await stack.restart_servers()

    ids = [job["id"] for job in [*jobs, late]]
    final = await wait_final(api, ids, timeout_s=150)
    assert [job["status"] for job in final] == ["completed"] * len(ids), [
        (j["id"], j["error"]) for j in final if j["status"] != "completed"
    ]
    for job in final:
        listed = (await api.get("/v1/assets", params={"job_id": job["id"]})).json()["items"]
        assert len(listed) == job["params"]["variations"]
    replay = await events_until(api, finished(ids), job_ids=ids)
    assert {e["job_id"] for e in replay if e["type"] == "studio.job.completed"} == set(ids)


async def test_live_stream_after_a_broker_restart_sees_new_jobs(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    """The projector's tail of shown events outlives the broker losing its log, though its
    position on the lost log is far past the new log's end."""
    await _fill(stack, SHOWN, 2000)
    kafka = stack.server("kafka")
    kafka.kill()
    await stack.restart_servers()
    await wait_final(api, [(await api.post("/v1/jobs", json=draft_job())).json()["id"]], 120)

    for _ in range(2):  # the second job: after the tail has surely caught up with the new log
        opened = asyncio.Event()
        stream = asyncio.create_task(
            events_until(
                api,
                lambda events: any(e["type"] == "studio.job.completed" for e in events),
                timeout_s=60,
                opened=opened,
            )
        )
        await opened.wait()
        job = (await api.post("/v1/jobs", json=draft_job())).json()
        events = await stream
        assert job["id"] in {e["job_id"] for e in events if e["type"] == "studio.job.completed"}


async def _fill(stack: RunningStack, topic: str, records: int) -> None:
    """Records no client watches: events of a tenant that does not exist."""
    producer = AIOKafkaProducer(bootstrap_servers=f"127.0.0.1:{stack.local.ports.kafka}")
    await producer.start()
    try:
        head = {"id": "filler", "tenant_id": "nobody", "job_id": "none"}
        head["time"] = "2026-01-01T00:00:00Z"
        value = json.dumps(head).encode()
        sent = [await producer.send(topic, value) for _ in range(records)]
        await asyncio.gather(*sent)
    finally:
        await producer.stop()
