"""Talking to the gateway as a client would: JSON calls and the SSE event stream."""

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
from httpx_sse import aconnect_sse

Event = dict[str, Any]
FINAL_TYPES = {"studio.job.completed", "studio.job.failed", "studio.job.rejected"}


def draft_job(**params: Any) -> dict[str, Any]:
    """A `generate` job body for the local-draft renderer (small and quick by default)."""
    defaults = {
        "prompt": "a lighthouse on a cliff at dusk",
        "quality": "draft",
        "width": 128,
        "height": 96,
    }
    return {"kind": "generate", "params": defaults | params}


async def download(url: str) -> bytes:
    """GET a presigned URL as a plain client (no API key)."""
    async with httpx.AsyncClient(timeout=30) as plain:
        response = await plain.get(url)
        response.raise_for_status()
        return response.content


def authed(base_url: str, key: str, **kwargs: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30, **kwargs
    )


async def events_until(
    client: httpx.AsyncClient,
    done: Callable[[list[Event]], bool],
    *,
    job_ids: list[str] | None = None,
    batch_id: str | None = None,
    timeout_s: float = 60,
    opened: asyncio.Event | None = None,
    headers: dict[str, str] | None = None,
) -> list[Event]:
    """Read `/v1/events` until `done(events)` holds; every `data:` line parsed as JSON."""
    events: list[Event] = []
    params = [("job_id", job_id) for job_id in job_ids or []]
    params += [("batch_id", batch_id)] if batch_id else []

    async def read() -> None:
        async with aconnect_sse(
            client, "GET", "/v1/events", params=params, headers=headers or {}, timeout=None
        ) as source:
            source.response.raise_for_status()
            if opened is not None:
                opened.set()
            async for message in source.aiter_sse():
                if not message.data:  # a keep-alive ping
                    continue
                events.append(json.loads(message.data) | {"_sse_id": message.id})
                if done(events):
                    return

    await asyncio.wait_for(read(), timeout_s)
    return events


def finished(job_ids: list[str]) -> Callable[[list[Event]], bool]:
    """`done` condition: every job has a final event."""
    return lambda events: {e["job_id"] for e in events if e["type"] in FINAL_TYPES} >= set(job_ids)


async def run_job(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    """Submit a job, wait for its end on SSE, and return the job as the API shows it then."""
    answer = await client.post("/v1/jobs", json=body)
    assert answer.status_code == 202, answer.text
    job_id = answer.json()["id"]
    await events_until(client, finished([job_id]), job_ids=[job_id], timeout_s=60)
    return dict((await client.get(f"/v1/jobs/{job_id}")).json())


async def settled_balance(client: httpx.AsyncClient) -> int:
    """The balance once billing has settled every job (nothing reserved)."""
    for _ in range(200):
        account = (await client.get("/v1/billing/account")).json()
        if account["reserved"] == 0:
            return int(account["balance"])
        await asyncio.sleep(0.05)
    raise AssertionError(f"credits still reserved: {account}")
