"""Every POST that makes something takes an `Idempotency-Key`: a repeat answers as the first
did and makes nothing more; the key with another body is refused."""

import httpx

from tests.support.client import authed
from tests.support.stack import RunningStack
from tests.support.uploads import image_bytes

HOOK = {"url": "https://hooks.agency.example/studio", "events": ["studio.job.completed"]}


async def test_a_repeated_webhook_creation_makes_one_webhook(api: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "hook-1"}
    first = await api.post("/v1/webhooks", json=HOOK, headers=headers)
    again = await api.post("/v1/webhooks", json=HOOK, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json(), "the same answer, secret included"
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len((await api.get("/v1/webhooks")).json()["items"]) == 1
    other = await api.post("/v1/webhooks", json={**HOOK, "events": ["*"]}, headers=headers)
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"


async def test_a_repeated_upload_stores_one_asset(api: httpx.AsyncClient) -> None:
    data = image_bytes("PNG")
    answers = [
        await api.post(
            "/v1/uploads",
            files={"file": ("a.png", data, "image/png")},
            headers={"Idempotency-Key": "upload-1"},
        )
        for _ in range(2)
    ]
    assert answers[0].json()["id"] == answers[1].json()["id"], "a new boundary, the same upload"
    assert len((await api.get("/v1/assets")).json()["items"]) == 1


async def test_a_refused_request_is_not_kept(api: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "kit-1"}
    refused = await api.post("/v1/brand-kits", json={"name": ""}, headers=headers)
    assert refused.status_code == 422
    made = await api.post("/v1/brand-kits", json={"name": ""}, headers=headers)
    assert made.status_code == 422
    assert "idempotent-replayed" not in made.headers, "nothing was made: it ran again"


async def test_a_key_is_the_callers_own(stack: RunningStack, api: httpx.AsyncClient) -> None:
    kit, key = {"name": "Acme"}, {"Idempotency-Key": "kit-2"}
    mine = await api.post("/v1/brand-kits", json=kit, headers=key)
    assert mine.headers["location"] == f"/v1/brand-kits/{mine.json()['id']}"
    again = await api.post("/v1/brand-kits", json=kit, headers=key)
    assert again.headers["location"] == mine.headers["location"]
    async with authed(stack.url, await stack.tenant()) as other:
        theirs = await other.post("/v1/brand-kits", json=kit, headers=key)
    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine.json()["id"]
    assert "idempotent-replayed" not in theirs.headers
