"""Every record the stack puts on Kafka is a CloudEvent in binary content mode that the official
CloudEvents SDK parses (and validates), its attributes those of the typed envelope in the value
(issue 19, item 7)."""

import json
from datetime import datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from cloudevents.core.base import BaseCloudEvent
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary_event

from contracts.topics import LANES, event_topic, library_topic, request_topic, work_topic
from tests.support.batches import draft_jobs, until_done
from tests.support.bus import read_to_end
from tests.support.client import draft_job, run_job
from tests.support.stack import RunningStack

EXTENSIONS = {"tenantid": "tenant_id", "jobid": "job_id", "batchid": "batch_id", "lane": "lane"}


async def records_of(stack: RunningStack, job_ids: set[str]) -> list[ConsumerRecord]:
    """The jobs' records on the request, work, event and library topics of both lanes."""
    topics = [
        topic(lane)
        for lane in LANES
        for topic in (
            request_topic,
            event_topic,
            library_topic,
            lambda x: work_topic("generation", x),
        )
    ]
    consumer = AIOKafkaConsumer(*topics, bootstrap_servers=f"127.0.0.1:{stack.local.ports.kafka}")
    await consumer.start()
    try:
        records = await read_to_end(consumer)
    finally:
        await consumer.stop()
    return [record for record in records if record.key.decode() in job_ids]


def parsed(record: ConsumerRecord) -> BaseCloudEvent:
    message = KafkaMessage(headers=dict(record.headers), key=record.key, value=record.value)
    return from_binary_event(message)


def assert_matches(event: BaseCloudEvent, envelope: dict[str, Any]) -> None:
    assert event.get_specversion() == envelope["specversion"] == "1.0"
    assert event.get_id() == envelope["id"]
    assert event.get_source() == envelope["source"]
    assert event.get_type() == envelope["type"]
    assert event.get_time() == datetime.fromisoformat(envelope["time"])
    assert event.get_subject() == envelope["subject"]
    assert event.get_datacontenttype() == "application/json"
    for name, field in EXTENSIONS.items():
        assert event.get_extension(name) == envelope.get(field), name
    assert event.get_data() == envelope, "the value is the whole typed envelope"


WANTED = {"studio.job.requested", "studio.job.run", "studio.job.completed"}


async def records_of_every_type(
    stack: RunningStack, single: str, in_batch: set[str]
) -> list[ConsumerRecord]:
    """The jobs' records, read again (a fresh consumer from the beginning) while a read missed
    one of the wanted types: once earlier tests have filled the topics, a read from the
    beginning under load has been seen to come back short of a record the next read has."""
    for _ in range(3):
        records = await records_of(stack, {single} | in_batch)
        seen: dict[bool, set[str]] = {True: set(), False: set()}
        for record in records:
            seen[record.key.decode() == single].add(json.loads(record.value)["type"])
        if seen[True] >= WANTED and seen[False] >= WANTED:
            break
    return records


async def test_every_record_is_a_binary_mode_cloudevent(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    single = await run_job(api, draft_job())
    batch = (await api.post("/v1/batches", json={"jobs": draft_jobs(2)})).json()
    await until_done(api, batch["id"])
    in_batch = {
        job["id"] for job in (await api.get(f"/v1/batches/{batch['id']}/jobs")).json()["items"]
    }
    records = await records_of_every_type(stack, single["id"], in_batch)

    types: dict[str, set[str]] = {"single": set(), "batch": set()}
    for record in records:
        envelope = json.loads(record.value)
        event = parsed(record)
        assert_matches(event, envelope)
        assert "traceparent" in dict(record.headers), "trace context rides beside"
        if envelope["job_id"] == single["id"]:
            assert event.get_extension("batchid") is None
            assert event.get_extension("lane") == "interactive"
            assert "ce_batchid" not in dict(record.headers), "no header for an unset attribute"
            types["single"].add(event.get_type())
        else:
            assert event.get_extension("batchid") == batch["id"]
            assert event.get_extension("lane") == batch["lane"]
            types["batch"].add(event.get_type())
    assert types["single"] >= WANTED, types
    assert types["batch"] >= WANTED, types
