"""Many instances of every service on one bus, on the session's servers: two gateways and two
projectors, three replicas of each worker; mid-load a generation replica is killed (-9) and
another joins. Every job is done once, charged once, seen by the clients of either projector
and delivered once to a webhook; a tenant's rate limit holds across gateways."""

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from deploy.local.processes import stop_together
from deploy.local.stack import REPO, LocalStack
from tests.support.client import Event, authed, draft_job, events_until, settled_balance
from tests.support.stack import RunningStack
from tests.support.webhooks import serving_receiver

SCALE = {
    "gateway": 2,
    "projector": 2,
    "billing": 3,
    "library": 3,
    "generation": 3,
    "optimizer": 3,
    "editing": 3,
    "transform": 3,
}
JOINS_MID_LOAD, LEAVES_MID_LOAD = "generation-3", "generation-2"
pytestmark = pytest.mark.timeout(420)  # fourteen more processes start on the same two cores
JOBS = 60
COMPLETED = "studio.job.completed"


@pytest.fixture(scope="module")
async def scaled(stack: RunningStack) -> AsyncIterator[LocalStack]:
    """The session's stack with the other instances started beside its own."""
    local = replace(stack.local, scale=SCALE)
    extra = [p for p in local.services() if p.name not in stack.services]
    for process in extra:
        if process.name != JOINS_MID_LOAD:
            process.start(local.env(), cwd=REPO)
    await local.wait_services([p.name for p in extra if p.name != JOINS_MID_LOAD])
    yield local
    stop_together(extra)


def urls(local: LocalStack, service: str) -> list[str]:
    return [f"http://127.0.0.1:{instance.port}" for instance in local.instances(service)]


async def test_jobs_through_either_gateway_are_done_once_while_replicas_come_and_go(
    stack: RunningStack, scaled: LocalStack
) -> None:
    key = await stack.tenant()
    gateways = [authed(url, key) for url in urls(scaled, "gateway")]
    projectors = [authed(url, key) for url in urls(scaled, "projector")]
    async with serving_receiver() as receiver:
        hook = {"url": receiver.url, "events": [COMPLETED]}
        assert (await gateways[0].post("/v1/webhooks", json=hook)).status_code == 201
        before = await settled_balance(gateways[0])
        streams = await _watching(projectors)
        job_ids = await _submit_while_replicas_change(scaled, gateways)
        seen = await _seen_by_each(streams, gateways[0], job_ids)
        await receiver.until(JOBS, timeout_s=60)
        await asyncio.sleep(1)  # a duplicate delivery would arrive by now
        delivered = Counter(headers["webhook-id"] for headers, _ in receiver.received)
    for events in seen:
        completed = Counter(e["job_id"] for e in events if e["type"] == COMPLETED)
        assert completed == dict.fromkeys(job_ids, 1), "each projector's client: each job once"
        assert len({e["id"] for e in events}) == len(events), "no event twice"
    assert delivered == {f"{job_id}:completed": 1 for job_id in job_ids}
    for gateway, job_id in zip(itertools.cycle(gateways), job_ids, strict=False):
        assets = (await gateway.get("/v1/assets", params={"job_id": job_id})).json()["items"]
        assert len(assets) == 1, f"{job_id}: one image, stored once"
    assert await settled_balance(gateways[1]) == before - JOBS, "a credit per draft, once"
    charges = Counter(e["job_id"] for e in await _ledger(gateways[1]) if e["kind"] == "capture")
    assert charges == dict.fromkeys(job_ids, 1)
    for client in [*gateways, *projectors]:
        await client.aclose()


Stream = tuple[asyncio.Task[list[Event]], "_AllDone"]


async def _watching(projectors: list[httpx.AsyncClient]) -> list[Stream]:
    """An SSE client on each projector, reading until every job completed."""
    opened = [asyncio.Event() for _ in projectors]
    conditions = [_AllDone() for _ in projectors]
    streams = [
        asyncio.create_task(events_until(client, done, timeout_s=150, opened=ready))
        for client, ready, done in zip(projectors, opened, conditions, strict=True)
    ]
    await asyncio.wait_for(asyncio.gather(*(ready.wait() for ready in opened)), 30)
    return list(zip(streams, conditions, strict=True))


class _AllDone:
    """`done` condition: every job completed; keeps what was read for a failure's message."""

    def __init__(self) -> None:
        self.read: list[Event] = []

    def __call__(self, events: list[Event]) -> bool:
        self.read = events
        return len({e["job_id"] for e in events if e["type"] == COMPLETED}) >= JOBS


async def _submit_while_replicas_change(
    local: LocalStack, gateways: list[httpx.AsyncClient]
) -> list[str]:
    """Submit `JOBS` drafts, alternating gateways; a third in, a generation replica is killed,
    two thirds in another starts."""
    processes = {process.name: process for process in local.services()}
    job_ids: list[str] = []
    for index, gateway in zip(range(JOBS), itertools.cycle(gateways), strict=False):
        if index == JOBS // 3:
            processes[LEAVES_MID_LOAD].kill()
        if index == 2 * JOBS // 3:
            processes[JOINS_MID_LOAD].start(local.env(), cwd=REPO)
        answer = await gateway.post("/v1/jobs", json=draft_job(prompt=f"scale {index}"))
        assert answer.status_code == 202, answer.text
        job_ids.append(answer.json()["id"])
        await asyncio.sleep(0.05)
    return job_ids


async def _seen_by_each(
    streams: list[Stream], client: httpx.AsyncClient, job_ids: list[str]
) -> list[list[Event]]:
    """What each stream read; a failure says which stream fell short, of which jobs' ends,
    and the jobs' statuses."""
    results = await asyncio.gather(*(task for task, _ in streams), return_exceptions=True)
    short = {
        i: sorted(set(job_ids) - {e["job_id"] for e in done.read if e["type"] == COMPLETED})
        for i, ((_, done), result) in enumerate(zip(streams, results, strict=True))
        if isinstance(result, BaseException)
    }
    if short:
        statuses = [(await client.get(f"/v1/jobs/{job}")).json()["status"] for job in job_ids]
        missed = {i: [job_ids.index(job) for job in jobs] for i, jobs in short.items()}
        raise AssertionError(f"streams missed jobs {missed}; jobs: {Counter(statuses)}")
    return [result for result in results if not isinstance(result, BaseException)]


async def _ledger(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = {"limit": 100} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/billing/ledger", params=params)).json()
        entries += page["items"]
        cursor = page["next"]
        if cursor is None:
            return entries


async def test_a_tenants_rate_limit_holds_across_gateways(
    stack: RunningStack, scaled: LocalStack
) -> None:
    key = await stack.tenant("free", credits=100)
    gateways = [authed(url, key) for url in urls(scaled, "gateway")]
    started = time.monotonic()
    answers = [
        await gateway.get("/v1/jobs") for gateway in itertools.islice(itertools.cycle(gateways), 24)
    ]
    elapsed = time.monotonic() - started
    let_through = sum(answer.status_code == 200 for answer in answers)
    allowed = 5 + 1 * elapsed  # the free plan: bursts of 5, a token a second
    assert 5 <= let_through <= allowed * 1.1, (let_through, allowed)
    assert {answer.status_code for answer in answers} == {200, 429}
    for client in gateways:
        await client.aclose()
