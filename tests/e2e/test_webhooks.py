"""Webhooks on the real local stack: signed deliveries, retried until the receiver recovers,
logged, and redelivered with the same `webhook-id`."""

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
import uvicorn
from standardwebhooks import Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.support.client import draft_job, run_job


@dataclass
class Receiver:
    """A webhook endpoint that fails its first `failures` deliveries."""

    failures: int
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def hook(self, request: Request) -> Response:
        self.received.append((dict(request.headers), await request.body()))
        self.arrived.set()
        return Response(status_code=500 if len(self.received) <= self.failures else 204)

    async def until(self, count: int, timeout_s: float = 30) -> None:
        async def wait() -> None:
            while len(self.received) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(wait(), timeout_s)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    found = Receiver(failures=3)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = Starlette(routes=[Route("/hook", found.hook, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
        await asyncio.sleep(0.01)
    found.url = f"http://127.0.0.1:{port}/hook"
    yield found
    server.should_exit = True
    await task


async def test_a_failing_receiver_gets_the_event_once_it_recovers(
    api: httpx.AsyncClient, receiver: Receiver
) -> None:
    created = await api.post(
        "/v1/webhooks", json={"url": receiver.url, "events": ["studio.job.completed"]}
    )
    assert created.status_code == 201, created.text
    hook = created.json()
    assert hook["secret"].startswith("whsec_")
    assert "secret" not in (await api.get(f"/v1/webhooks/{hook['id']}")).json()

    job = await run_job(api, draft_job())
    await receiver.until(4)
    ids = {headers["webhook-id"] for headers, _ in receiver.received}
    assert ids == {f"{job['id']}:completed"}, "every retry is the same message"
    headers, body = receiver.received[-1]
    event = Webhook(hook["secret"]).verify(body, headers)
    assert (event["type"], event["job_id"]) == ("studio.job.completed", job["id"])
    assert json.loads(body)["data"]["assets"]

    deliveries = (await api.get(f"/v1/webhooks/{hook['id']}/deliveries")).json()["items"]
    assert len(deliveries) == 1
    (delivery,) = deliveries
    assert delivery["status"] == "delivered"
    assert [a["status_code"] for a in delivery["attempts"]] == [500, 500, 500, 204]

    again = await api.post(f"/v1/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver")
    assert again.status_code == 202
    await receiver.until(5)
    assert receiver.received[-1][0]["webhook-id"] == delivery["id"]
    Webhook(hook["secret"]).verify(receiver.received[-1][1], receiver.received[-1][0])


async def test_a_webhook_gets_only_the_events_it_asked_for(
    api: httpx.AsyncClient, receiver: Receiver
) -> None:
    receiver.failures = 0
    hook = (
        await api.post(
            "/v1/webhooks", json={"url": receiver.url, "events": ["studio.job.accepted"]}
        )
    ).json()
    await run_job(api, draft_job())
    await receiver.until(1)
    await asyncio.sleep(1)
    assert [json.loads(body)["type"] for _, body in receiver.received] == ["studio.job.accepted"]
    deleted = await api.delete(f"/v1/webhooks/{hook['id']}")
    assert deleted.status_code == 204
    assert (await api.get(f"/v1/webhooks/{hook['id']}")).status_code == 404


async def test_bad_webhooks_are_refused(api: httpx.AsyncClient) -> None:
    unknown = await api.post(
        "/v1/webhooks", json={"url": "https://example.com/h", "events": ["nope"]}
    )
    assert unknown.status_code == 422
    not_url = await api.post("/v1/webhooks", json={"url": "not a url"})
    assert not_url.status_code == 422
