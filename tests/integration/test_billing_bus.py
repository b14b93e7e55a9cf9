"""Billing against the real broker: redelivered requests and endings move money once; plans are
enforced by billing itself, before any work topic sees a job."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from contracts.events import (
    JOB_EVENT,
    JobCompletedEvent,
    JobRequested,
    JobRequestedEvent,
    RunJobEvent,
)
from contracts.topics import all_topics, event_topic, request_topic, work_topic
from shared.bus import EventBus
from shared.ids import new_id
from tests.support.bus import read_to_end
from tests.support.client import authed
from tests.support.stack import RunningStack


def requested(tenant_id: str, kind: str, params: dict[str, Any]) -> JobRequestedEvent:
    job_id = new_id("job")
    spec = JobRequested(kind=kind, params=params, submitted_at=datetime.now(UTC))
    return JobRequestedEvent(
        id=f"{job_id}:requested", source="/tests", tenant_id=tenant_id, job_id=job_id, data=spec
    )


async def records_of(stack: RunningStack, topics: list[str], job_id: str) -> list[Any]:
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=f"127.0.0.1:{stack.local.ports.kafka}",
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        return [r for r in await read_to_end(consumer) if r.key == job_id.encode()]
    finally:
        await consumer.stop()


async def eventually(check: Callable[[], Awaitable[bool]], timeout_s: float = 60) -> None:
    for _ in range(int(timeout_s * 2)):
        if await check():
            return
        await asyncio.sleep(0.5)
    raise AssertionError("it never happened")


async def test_a_request_and_its_ending_delivered_twice_move_money_once(
    stack: RunningStack, bus: EventBus
) -> None:
    async with authed(stack.url, await stack.tenant("pro", credits=50)) as api:
        tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
        request = requested(
            tenant_id, "generate", {"prompt": "twice", "quality": "draft", "variations": 2}
        )
        await bus.publish(request_topic("interactive"), request)
        await bus.publish(request_topic("interactive"), request)

        async def entries() -> list[str]:
            page = (await api.get("/v1/billing/ledger")).json()["items"]
            return sorted(e["kind"] for e in page if e["job_id"] == request.job_id)

        async def captured() -> bool:
            return "capture" in await entries()

        await eventually(captured)
        events = await records_of(stack, [event_topic("interactive")], request.job_id)
        completed = [JOB_EVENT.validate_json(r.value) for r in events]
        ending = next(e for e in completed if isinstance(e, JobCompletedEvent))
        await bus.publish(event_topic("interactive"), ending)
        await bus.publish(request_topic("interactive"), request)
        await asyncio.sleep(3)
        assert await entries() == ["capture", "reserve"]
        account = (await api.get("/v1/billing/account")).json()
        assert (account["balance"], account["reserved"]) == (48, 0)
        runs = await records_of(stack, [work_topic("generation", "interactive")], request.job_id)
        approvals = [RunJobEvent.model_validate_json(r.value) for r in runs]
        assert {(e.id, e.data.credits_reserved) for e in approvals} == {
            (f"{request.job_id}:run", 2)
        }, "every approval (the run command) is the same decision"


async def test_billing_itself_refuses_what_the_plan_does_not_include(
    stack: RunningStack, bus: EventBus
) -> None:
    async with authed(stack.url, await stack.tenant("free", credits=1000)) as api:
        tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
    inputs = {"image_asset_id": "ast_" + "0" * 26, "audio_asset_id": "ast_" + "1" * 26}
    avatar = requested(tenant_id, "transform.avatar", inputs)
    await bus.publish(request_topic("interactive"), avatar)

    async def rejected() -> bool:
        records = await records_of(stack, [event_topic("interactive")], avatar.job_id)
        return any(dict(r.headers)["ce_type"] == b"studio.job.rejected" for r in records)

    await eventually(rejected)
    records = await records_of(stack, [event_topic("interactive")], avatar.job_id)
    verdict = JOB_EVENT.validate_json(records[-1].value)
    assert verdict.data.code == "feature_not_in_plan"  # type: ignore[union-attr]
    work_topics = [topic for topic in all_topics() if topic.startswith("studio.work.")]
    assert await records_of(stack, work_topics, avatar.job_id) == []
    async with httpx.AsyncClient(base_url=stack.url) as http:
        assert (await http.get("/healthz")).status_code == 200
