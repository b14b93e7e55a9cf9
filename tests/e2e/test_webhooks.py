"""Webhooks on the real local stack: signed deliveries, retried until the receiver recovers,
logged, and redelivered with the same `webhook-id`."""

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from standardwebhooks import Webhook

from tests.support.client import draft_job, run_job
from tests.support.webhooks import Receiver, serving_receiver


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with serving_receiver(failures=3) as found:
        yield found


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
