"""A tenant's own API keys (`/v1/keys`): a new key is shown once and works, the list names keys
without their secrets, revoking one (the calling key too) refuses it and ends its streams as the
operator's revoke does, other tenants' keys are out of reach, and the POST replays and is
strict."""

import asyncio
import json
from typing import Any

import httpx
import pytest

from studio import AsyncStudio, Studio, StudioError
from tests.e2e.test_stream_revocation import sse_to_its_end, until_streaming
from tests.support.client import authed
from tests.support.stack import RunningStack


async def make_key(api: httpx.AsyncClient, name: str) -> dict[str, Any]:
    made = await api.post("/v1/keys", json={"name": name})
    assert made.status_code == 201, made.text
    return dict(made.json())


async def listed(api: httpx.AsyncClient) -> list[dict[str, Any]]:
    answer = await api.get("/v1/keys")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


async def test_a_new_key_is_shown_once_listed_without_it_and_works(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    made = await make_key(api, "  CI pipeline ")
    assert set(made) == {"prefix", "name", "created_at", "revoked", "key"}
    assert (made["name"], made["revoked"]) == ("CI pipeline", False), "the name is stripped"
    assert made["key"].startswith("isk_")
    assert made["key"].startswith(made["prefix"])
    keys = await listed(api)
    assert [k["name"] for k in keys] == [None, "CI pipeline"], "the operator's first key, then ours"
    assert all(set(k) == {"prefix", "name", "created_at", "revoked"} for k in keys), keys
    assert made["key"] not in json.dumps(keys), "the list never holds a key itself"
    assert keys[1] == {k: v for k, v in made.items() if k != "key"}
    async with authed(stack.url, made["key"]) as new:
        own = (await new.get("/v1/billing/account")).json()["tenant_id"]
        assert own == (await api.get("/v1/billing/account")).json()["tenant_id"]
        assert [k["prefix"] for k in await listed(new)] == [k["prefix"] for k in keys]


async def test_a_revoked_key_is_refused_and_stays_listed_as_revoked(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    made = await make_key(api, "laptop")
    async with authed(stack.url, made["key"]) as doomed:
        assert (await doomed.get("/v1/jobs")).status_code == 200
        assert (await api.delete(f"/v1/keys/{made['prefix']}")).status_code == 204
        refused = await doomed.get("/v1/jobs")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    revoked = [k for k in await listed(api) if k["prefix"] == made["prefix"]]
    assert [k["revoked"] for k in revoked] == [True]
    assert (await api.get("/v1/jobs")).status_code == 200, "the tenant's other keys go on"


async def test_a_key_may_revoke_itself_and_its_next_call_is_refused(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    made = await make_key(api, "one-off")
    async with authed(stack.url, made["key"]) as itself:
        assert (await itself.delete(f"/v1/keys/{made['prefix']}")).status_code == 204
        assert (await itself.get("/v1/keys")).status_code == 401


async def test_revoking_ends_the_keys_event_streams(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    made = await make_key(api, "dashboard")
    before = await stack.stream_clients()
    async with authed(stack.url, made["key"]) as doomed:
        stream = asyncio.create_task(sse_to_its_end(doomed))
        await until_streaming(stack, before + 1)
        assert (await api.delete(f"/v1/keys/{made['prefix']}")).status_code == 204
        messages = await asyncio.wait_for(stream, timeout=30)  # a guard against a hang only
    assert [m.event for m in messages] == ["error"]
    assert json.loads(messages[0].data)["error"]["code"] == "unauthorized"


async def test_another_tenants_keys_are_out_of_reach(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    made = await make_key(api, "ours")
    async with authed(stack.url, await stack.tenant(plan="free", credits=0)) as other:
        theirs = await listed(other)
        assert made["prefix"] not in [k["prefix"] for k in theirs]
        refused = await other.delete(f"/v1/keys/{made['prefix']}")
        assert refused.status_code == 404
        assert refused.json()["error"]["code"] == "not_found"
        assert (await api.delete(f"/v1/keys/{theirs[0]['prefix']}")).status_code == 404
        assert (await other.get("/v1/jobs")).status_code == 200, "their key is untouched"
    assert [k["revoked"] for k in await listed(api)] == [False, False], "ours too"
    async with authed(stack.url, stack.admin_key) as admin:
        assert (await admin.get("/v1/keys")).json()["error"]["code"] == "forbidden"
        assert (await admin.delete(f"/v1/keys/{made['prefix']}")).status_code == 403


async def test_a_replayed_post_makes_one_key(api: httpx.AsyncClient) -> None:
    first = await api.post("/v1/keys", json={"name": "deploy"}, headers={"Idempotency-Key": "k1"})
    again = await api.post("/v1/keys", json={"name": "deploy"}, headers={"Idempotency-Key": "k1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json(), "the same key, shown again to the same caller"
    assert again.headers["idempotent-replayed"] == "true"
    other = await api.post("/v1/keys", json={"name": "other"}, headers={"Idempotency-Key": "k1"})
    assert (other.status_code, other.json()["error"]["code"]) == (409, "idempotency_key_reused")
    assert [k["name"] for k in await listed(api)] == [None, "deploy"]


@pytest.mark.parametrize(
    "body",
    [{"name": ""}, {"name": " \t "}, {"name": "x" * 81}, {"name": "a\x07b"}, {"name": 7}, {}],
    ids=["empty", "blank", "too-long", "control-character", "not-text", "missing"],
)
async def test_a_bad_name_is_refused_and_makes_nothing(
    api: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    refused = await api.post("/v1/keys", json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["details"][0]["loc"] == "name"
    assert len(await listed(api)) == 1


async def test_an_unknown_field_is_refused(api: httpx.AsyncClient) -> None:
    refused = await api.post("/v1/keys", json={"name": "ci", "admin": True})
    assert refused.status_code == 422
    assert [d["loc"] for d in refused.json()["error"]["details"]] == ["admin"]


async def test_the_sdk_makes_lists_and_revokes_keys(stack: RunningStack, tenant_key: str) -> None:
    with Studio(stack.url, tenant_key) as studio:
        made = studio.keys.create("sdk", idempotency_key="sdk-key-1")
        assert studio.keys.create("sdk", idempotency_key="sdk-key-1") == made
        assert [(k.prefix, k.name) for k in studio.keys.list().items][1:] == [(made.prefix, "sdk")]
    async with AsyncStudio(stack.url, made.key) as studio:
        assert (await studio.keys.list()).items[1].revoked is False
        await studio.keys.revoke(made.prefix)
        with pytest.raises(StudioError) as refused:
            await studio.keys.list()
    assert (refused.value.status, refused.value.code) == (401, "unauthorized")
