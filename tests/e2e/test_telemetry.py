"""Operability from the first job: health, readiness, metrics, JSON logs, one trace per job."""

import json

import httpx
from aiokafka import AIOKafkaConsumer

from contracts.topics import event_topic, request_topic, work_topic
from tests.support.bus import read_to_end
from tests.support.client import draft_job, events_until, finished
from tests.support.stack import RunningStack


async def trace_ids_of(stack: RunningStack, job_id: str) -> dict[str, str]:
    """Record type → trace id of every record of the job on the requests, work and events
    topics."""
    consumer = AIOKafkaConsumer(
        request_topic("interactive"),
        work_topic("generation", "interactive"),
        event_topic("interactive"),
        bootstrap_servers=f"127.0.0.1:{stack.local.ports.kafka}",
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        records = await read_to_end(consumer)
    finally:
        await consumer.stop()
    found = {}
    for record in records:
        if record.key == job_id.encode():
            headers = {k: v.decode() for k, v in record.headers}
            found[headers["ce_type"]] = headers["traceparent"].split("-")[1]
    return found


async def test_one_trace_spans_gateway_billing_generation(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    job = (await api.post("/v1/jobs", json=draft_job(variations=2))).json()
    await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
    traces = await trace_ids_of(stack, job["id"])
    assert {"studio.job.requested", "studio.job.run", "studio.job.completed"} <= traces.keys()
    assert len(set(traces.values())) == 1, traces
    trace_id = traces["studio.job.completed"]
    assert len(trace_id) == 32
    assert trace_id != "0" * 32

    lines = stack.services["generation"].log_file.read_text().splitlines()
    logged = [json.loads(line) for line in lines if job["id"] in line and line.startswith("{")]
    assert any(entry.get("trace_id") == trace_id for entry in logged)
    assert all(entry["service"] == "generation" for entry in logged)


async def test_every_service_reports_health_readiness_and_metrics(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    job = (await api.post("/v1/jobs", json=draft_job())).json()
    await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
    async with httpx.AsyncClient() as http:
        for name, port in stack.local.service_ports().items():
            base = f"http://127.0.0.1:{port}"
            assert (await http.get(f"{base}/healthz")).json() == {"status": "ok"}
            ready = (await http.get(f"{base}/readyz")).json()
            assert ready["status"] == "ready", (name, ready)
            assert {"kafka", "mongo"} <= ready["checks"].keys()
            stores_objects = name not in ("billing", "projector")
            assert ("s3" in ready["checks"]) == stores_objects, name
            metrics = (await http.get(f"{base}/metrics")).text
            if name != "gateway":  # the API consumes nothing: the projector reads for it
                assert "studio_records_handled_total" in metrics, name
                assert "studio_consumer_lag{" in metrics, name
        projector = (await http.get(f"http://127.0.0.1:{stack.local.ports.projector}/metrics")).text
    assert 'studio_jobs_total{kind="generate",status="completed"}' in projector
    assert 'studio_job_duration_seconds_bucket{kind="generate",le=' in projector
