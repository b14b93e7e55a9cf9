"""Share links on the real stack: opened without a key, counted, expiring, revocable, behind a
password, view only; a collection's link; the embed snippet with the platform renditions; what
the public answers never show; bad input and other tenants refused."""

import asyncio
import html
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.support.client import authed, download, run_job
from tests.support.photos import jpeg, photo, png
from tests.support.stack import RunningStack

PASSWORD = "correct horse battery"


@pytest.fixture
async def public(stack: RunningStack) -> AsyncIterator[httpx.AsyncClient]:
    """A client with no API key: anyone holding a link."""
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as client:
        yield client


async def upload(api: httpx.AsyncClient, data: bytes, name: str = "a.png") -> dict[str, Any]:
    response = await api.post("/v1/uploads", files={"file": (name, data, "image/png")})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def share(api: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await api.post("/v1/shares", json=body)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/v1/shares/{response.json()['id']}"
    return dict(response.json())


async def stored_bytes(api: httpx.AsyncClient, asset_id: str) -> bytes:
    redirect = await api.get(f"/v1/assets/{asset_id}/content")
    return await download(redirect.headers["location"])


def code(response: httpx.Response) -> str:
    return str(response.json()["error"]["code"])


async def test_a_link_opens_the_asset_without_a_key_and_counts(
    api: httpx.AsyncClient, public: httpx.AsyncClient
) -> None:
    data = png(64, 48)
    asset = await upload(api, data)
    created = await share(api, asset_id=asset["id"])
    assert created["url"] == f"/v1/shared/{created['token']}"
    assert created["token_prefix"] == created["token"][:6]

    view = await public.get(created["url"])
    assert view.status_code == 200, view.text
    shown = view.json()["asset"]
    assert (shown["id"], shown["format"], shown["bytes"]) == (asset["id"], "png", len(data))
    assert (shown["width"], shown["height"]) == (64, 48)
    inline = await public.get(shown["links"]["content"])
    assert inline.status_code == 200
    assert inline.content == data == await stored_bytes(api, asset["id"])
    assert inline.headers["content-type"] == "image/png"
    assert inline.headers["content-disposition"].startswith("inline")
    attached = await public.get(shown["links"]["download"])
    assert attached.content == data
    assert attached.headers["content-disposition"].startswith("attachment")

    counted = (await api.get(f"/v1/shares/{created['id']}")).json()
    assert (counted["views"], counted["downloads"]) == (1, 2)
    listed = (await api.get("/v1/shares")).json()["items"]
    assert [s["id"] for s in listed] == [created["id"]]
    assert "token" not in listed[0]


async def test_the_public_answers_reveal_nothing_of_the_tenant(
    api: httpx.AsyncClient, public: httpx.AsyncClient
) -> None:
    tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
    asset = await upload(api, png(40, 30))
    other = await upload(api, png(20, 20), "other.png")
    created = await share(api, asset_id=asset["id"])
    view = await public.get(created["url"])
    content = await public.get(view.json()["asset"]["links"]["content"])
    assert view.status_code == content.status_code == 200
    exposed = view.text + str(view.headers) + str(content.headers)
    assert tenant_id not in exposed
    assert other["id"] not in exposed
    assert "object_key" not in exposed
    assert "location" not in content.headers, "the bytes come through, not by a redirect"
    assert set(view.json()["asset"]) == {
        "id",
        "format",
        "content_type",
        "width",
        "height",
        "bytes",
        "title",
        "description",
        "created_at",
        "links",
        "renditions",
    }


async def test_a_link_expires(api: httpx.AsyncClient, public: httpx.AsyncClient) -> None:
    asset = await upload(api, png(32, 32))
    soon = datetime.now(UTC) + timedelta(seconds=4)
    created = await share(api, asset_id=asset["id"], expires_at=soon.isoformat())
    assert (await public.get(created["url"])).status_code == 200
    for _ in range(300):
        answer = await public.get(created["url"])
        if answer.status_code != 200:
            break
        await asyncio.sleep(0.1)
    assert answer.status_code == 410
    assert code(answer) == "share_expired"
    content = await public.get(f"{created['url']}/assets/{asset['id']}/content")
    assert content.status_code == 410

    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    refused = await api.post("/v1/shares", json={"asset_id": asset["id"], "expires_at": past})
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["loc"] == "expires_at"


async def test_a_revoked_link_stops_working_at_once(
    api: httpx.AsyncClient, public: httpx.AsyncClient
) -> None:
    asset = await upload(api, png(32, 32))
    created = await share(api, asset_id=asset["id"])
    assert (await public.get(created["url"])).status_code == 200
    assert (await api.delete(f"/v1/shares/{created['id']}")).status_code == 204
    for path in [created["url"], f"{created['url']}/assets/{asset['id']}/content"]:
        answer = await public.get(path)
        assert answer.status_code == 404, path
        assert code(answer) == "not_found"
    assert (await api.get(f"/v1/shares/{created['id']}")).status_code == 404
    assert (await api.delete(f"/v1/shares/{created['id']}")).status_code == 404
    assert (await public.get("/v1/shared/not-a-token")).status_code == 404


async def test_a_password_is_enforced(api: httpx.AsyncClient, public: httpx.AsyncClient) -> None:
    data = png(48, 32)
    asset = await upload(api, data)
    created = await share(api, asset_id=asset["id"], password=PASSWORD)
    assert created["has_password"] is True
    assert created["embed"] is None
    url = created["url"]
    content = f"{url}/assets/{asset['id']}/content"

    for path in [url, content]:
        answer = await public.get(path)
        assert answer.status_code == 401, path
        assert code(answer) == "share_password_required"
    wrong = await public.post(f"{url}/unlock", json={"password": "not the password"})
    assert wrong.status_code == 401
    assert code(wrong) == "share_password_wrong"
    forged = await public.get(url, params={"access": "99999999999999.forged"})
    assert forged.status_code == 401

    unlocked = await public.post(f"{url}/unlock", json={"password": PASSWORD})
    assert unlocked.status_code == 200, unlocked.text
    grant = unlocked.json()["access"]
    view = await public.get(url, params={"access": grant})
    assert view.status_code == 200
    link = view.json()["asset"]["links"]["content"]
    assert "access=" in link
    assert (await public.get(link)).content == data
    assert (await api.get(f"/v1/shares/{created['id']}")).json()["views"] == 1

    guesses = [
        await public.post(f"{url}/unlock", json={"password": f"guess {i}"}) for i in range(9)
    ]
    assert {answer.status_code for answer in guesses} == {401}
    locked = await public.post(f"{url}/unlock", json={"password": PASSWORD})
    assert locked.status_code == 429, "10 wrong passwords in 5 minutes"
    assert int(locked.headers["retry-after"]) > 0
    assert (await public.get(link)).status_code == 200, "a grant given before still holds"


async def test_a_view_only_link_refuses_downloads(
    api: httpx.AsyncClient, public: httpx.AsyncClient
) -> None:
    data = png(30, 20)
    asset = await upload(api, data)
    created = await share(api, asset_id=asset["id"], allow_download=False)
    view = (await public.get(created["url"])).json()
    assert view["allow_download"] is False
    assert view["asset"]["links"]["download"] is None
    content = f"{created['url']}/assets/{asset['id']}/content"
    assert (await public.get(content)).content == data
    refused = await public.get(content, params={"download": "true"})
    assert refused.status_code == 403
    assert code(refused) == "share_download_not_allowed"


async def test_a_collection_link_shows_its_items_in_order(
    api: httpx.AsyncClient, public: httpx.AsyncClient
) -> None:
    first, second, outside = [await upload(api, png(20 + i, 20)) for i in range(3)]
    made = await api.post("/v1/collections", json={"name": "Spring", "description": "For Ana"})
    collection = made.json()
    added = await api.post(
        f"/v1/collections/{collection['id']}/assets",
        json={"asset_ids": [second["id"], first["id"]]},
    )
    assert added.status_code == 200, added.text
    created = await share(api, collection_id=collection["id"])
    assert created["embed"] is None
    view = (await public.get(created["url"])).json()
    shown = view["collection"]
    assert (shown["name"], shown["description"]) == ("Spring", "For Ana")
    assert [item["id"] for item in shown["items"]] == [second["id"], first["id"]]
    for item, asset in zip(shown["items"], [second, first], strict=True):
        fetched = await public.get(item["links"]["content"])
        assert fetched.content == await stored_bytes(api, asset["id"])
    not_shared = await public.get(f"{created['url']}/assets/{outside['id']}/content")
    assert not_shared.status_code == 404


async def test_the_embed_snippet_holds_the_platform_renditions(
    api: httpx.AsyncClient, public: httpx.AsyncClient, stack: RunningStack
) -> None:
    source = await upload(api, jpeg(photo((2000, 1500))), "campaign.jpg")
    presets = ["ig.profile", "x.profile", "x.header"]
    params = {"asset_id": source["id"], "presets": presets, "previews": False}
    job = await run_job(api, {"kind": "optimize.social", "params": params})
    assert job["status"] == "completed", job
    title = 'Spring <b>"sale"</b> & more'
    edited = await api.patch(f"/v1/assets/{source['id']}", json={"title": title})
    assert edited.status_code == 200, edited.text

    created = await share(api, asset_id=source["id"])
    embed = created["embed"]
    assert embed.startswith("<picture>")
    assert "<img " in embed
    for width in (320, 400, 1500, 2000):
        assert f" {width}w" in embed, width
    assert f'alt="{html.escape(title, quote=True)}"' in embed
    assert "<b>" not in embed
    assert f"{stack.url}/v1/shared/{created['token']}/assets/" in embed

    view = (await public.get(created["url"])).json()
    renditions = view["asset"]["renditions"]
    assert sorted(r["preset"] for r in renditions) == sorted(presets)
    assert view["embed"] == embed
    header = next(r for r in renditions if r["preset"] == "x.header")
    fetched = await public.get(header["links"]["content"])
    assert fetched.status_code == 200
    assert fetched.content == await stored_bytes(api, header["id"])


async def test_bad_shares_are_refused_with_the_field_named(api: httpx.AsyncClient) -> None:
    asset = await upload(api, png(16, 16))
    collection = (await api.post("/v1/collections", json={"name": "C"})).json()
    for body, field in [
        ({}, "asset_id"),
        ({"asset_id": asset["id"], "collection_id": collection["id"]}, "asset_id"),
        ({"asset_id": "ast_nope"}, "asset_id"),
        ({"collection_id": "col_nope"}, "collection_id"),
        ({"asset_id": asset["id"], "password": "short"}, "password"),
        ({"asset_id": asset["id"], "allow_download": "no"}, "allow_download"),
    ]:
        answer = await api.post("/v1/shares", json=body)
        assert answer.status_code == 422, body
        assert field in [d["loc"] for d in answer.json()["error"]["details"]], answer.text
    assert (await api.get("/v1/shares")).json()["items"] == []


async def test_another_tenants_shares_are_404(api: httpx.AsyncClient, stack: RunningStack) -> None:
    asset = await upload(api, png(16, 16))
    created = await share(api, asset_id=asset["id"])
    async with authed(stack.url, await stack.tenant()) as other:
        for method in ("GET", "DELETE"):
            answer = await other.request(method, f"/v1/shares/{created['id']}")
            assert answer.status_code == 404, method
            assert code(answer) == "not_found"
        assert (await other.get("/v1/shares")).json()["items"] == []
        borrowed = await other.post("/v1/shares", json={"asset_id": asset["id"]})
        assert borrowed.status_code == 422, "as for an asset it does not have"
    assert (await api.get(f"/v1/shares/{created['id']}")).status_code == 200
