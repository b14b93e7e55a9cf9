"""Event streams: WebSocket, SSE resume with Last-Event-ID, tenant scoping."""

import asyncio
import json
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from tests.support.client import FINAL_TYPES, draft_job, events_until, finished
from tests.support.stack import RunningStack


async def test_websocket_streams_a_jobs_events(
    stack: RunningStack, api: httpx.AsyncClient, tenant_key: str
) -> None:
    job = (await api.post("/v1/jobs", json=draft_job(variations=2))).json()
    url = stack.url.replace("http", "ws") + f"/v1/ws?job_id={job['id']}"
    received: list[dict[str, Any]] = []
    async with connect(url, additional_headers={"Authorization": f"Bearer {tenant_key}"}) as ws:
        while not received or received[-1]["type"] not in FINAL_TYPES:
            received.append(json.loads(await asyncio.wait_for(ws.recv(), 30)))
    assert received[0]["type"] == "studio.job.accepted"
    assert received[-1]["type"] == "studio.job.completed"
    assert {e["job_id"] for e in received} == {job["id"]}


async def test_websocket_refuses_a_bad_key(stack: RunningStack) -> None:
    url = stack.url.replace("http", "ws") + "/v1/ws"
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, additional_headers={"Authorization": "Bearer nope"}):
            pass
    assert refused.value.response.status_code == 403


async def test_websocket_follows_one_batch(
    stack: RunningStack, api: httpx.AsyncClient, tenant_key: str
) -> None:
    other = (await api.post("/v1/jobs", json=draft_job())).json()
    batch = (await api.post("/v1/batches", json={"jobs": [draft_job(), draft_job()]})).json()
    url = stack.url.replace("http", "ws") + f"/v1/ws?batch_id={batch['id']}"
    ended: set[str] = set()
    seen: set[str] = set()
    async with connect(url, additional_headers={"Authorization": f"Bearer {tenant_key}"}) as ws:
        while len(ended) < 2:
            event = json.loads(await asyncio.wait_for(ws.recv(), 30))
            seen.add(event["job_id"])
            if event["type"] in FINAL_TYPES:
                ended.add(event["job_id"])
    assert other["id"] not in seen
    assert all(event_batch == batch["id"] for event_batch in await _batches_of(api, seen))


async def _batches_of(api: httpx.AsyncClient, job_ids: set[str]) -> list[str | None]:
    return [(await api.get(f"/v1/jobs/{job_id}")).json()["batch_id"] for job_id in job_ids]


@pytest.mark.parametrize("query", ["?q=wristwatch", "?batch_id=bat_01M975WH8Z6E12JJC9HT1284PJ"])
async def test_websocket_refuses_what_it_cannot_filter_by(
    stack: RunningStack, tenant_key: str, query: str
) -> None:
    """An unknown parameter, or a batch the tenant does not own: refused, not ignored."""
    url = stack.url.replace("http", "ws") + "/v1/ws" + query
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, additional_headers={"Authorization": f"Bearer {tenant_key}"}):
            pass
    assert refused.value.response.status_code == 403


async def test_sse_resumes_after_last_event_id(api: httpx.AsyncClient) -> None:
    job = (await api.post("/v1/jobs", json=draft_job(variations=3))).json()
    everything = await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
    resume_from = everything[2]["_sse_id"]
    rest = await events_until(
        api,
        finished([job["id"]]),
        job_ids=[job["id"]],
        headers={"Last-Event-ID": resume_from},
    )
    assert [e["id"] for e in rest] == [e["id"] for e in everything[3:]]


async def test_tenant_stream_resumes_from_history(api: httpx.AsyncClient) -> None:
    first = (await api.post("/v1/jobs", json=draft_job())).json()
    seen = await events_until(api, finished([first["id"]]), job_ids=[first["id"]])
    second = (await api.post("/v1/jobs", json=draft_job())).json()
    await events_until(api, finished([second["id"]]), job_ids=[second["id"]])
    missed = await events_until(
        api, finished([second["id"]]), headers={"Last-Event-ID": seen[-1]["id"]}
    )
    assert {e["job_id"] for e in missed} == {second["id"]}
    assert missed[-1]["type"] == "studio.job.completed"


async def test_a_closed_websocket_is_let_go(stack: RunningStack, tenant_key: str) -> None:
    url = stack.url.replace("http", "ws") + "/v1/ws"
    async with connect(url, additional_headers={"Authorization": f"Bearer {tenant_key}"}):
        await asyncio.sleep(0.3)
        connected = await stack.stream_clients()
    for _ in range(40):
        if await stack.stream_clients() <= connected - 1:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the gateway still counts the closed WebSocket")
