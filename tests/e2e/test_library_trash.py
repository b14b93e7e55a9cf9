"""Delete, trash and retention: a deleted asset leaves lists and search, is restorable, and is
purged (its object gone from the store, its record gone) when the trash is emptied or its time
there is up; retention rules send old assets to the trash."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import httpx

from shared.database import mongo_client, now_ms
from tests.support.client import authed
from tests.support.edit_jobs import upload
from tests.support.library import generated, search
from tests.support.stack import RunningStack
from tests.support.uploads import image_bytes, tenant_objects

T = TypeVar("T")


async def eventually(probe: Callable[[], Awaitable[T | None]], timeout_s: float = 30) -> T:
    """What `probe` answers once it answers something (the purger runs every second here)."""

    async def poll() -> T:
        while True:
            found = await probe()
            if found is not None:
                return found
            await asyncio.sleep(0.2)

    return await asyncio.wait_for(poll(), timeout_s)


async def uploaded(api: httpx.AsyncClient, count: int) -> list[str]:
    return [await upload(api, image_bytes("PNG", (40 + i, 30))) for i in range(count)]


async def stored_ids(stack: RunningStack, api: httpx.AsyncClient) -> set[str]:
    """The asset ids whose objects the store holds for the tenant."""
    return {key.rsplit("/", 1)[-1].split(".")[0] for key in await tenant_objects(stack, api)}


async def listed(api: httpx.AsyncClient) -> set[str]:
    return {asset["id"] for asset in (await api.get("/v1/assets")).json()["items"]}


async def test_trash_restore_then_empty_the_trash(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    kept, binned = await uploaded(api, 2)
    assert await stored_ids(stack, api) == {kept, binned}
    deleted = await api.delete(f"/v1/assets/{binned}")
    assert deleted.status_code == 200, deleted.text
    trashed_at = datetime.fromisoformat(deleted.json()["trashed_at"])
    purge_at = datetime.fromisoformat(deleted.json()["purge_at"])
    assert purge_at - trashed_at == timedelta(days=30)
    assert await listed(api) == {kept}
    assert [hit["id"] for hit in (await search(api))["items"]] == [kept]
    trash = (await api.get("/v1/trash")).json()
    assert ([item["id"] for item in trash["items"]], trash["total"]) == ([binned], 1)

    restored = await api.post(f"/v1/assets/{binned}/restore")
    assert restored.status_code == 200, restored.text
    assert (restored.json()["trashed_at"], restored.json()["purge_at"]) == (None, None)
    assert {hit["id"] for hit in (await search(api))["items"]} == {kept, binned}
    assert (await api.get("/v1/trash")).json()["total"] == 0

    binned_again = await api.delete(f"/v1/assets/{binned}")
    again = await api.delete(f"/v1/assets/{binned}")
    assert again.status_code == 200, again.text
    assert again.json()["trashed_at"] == binned_again.json()["trashed_at"]  # as it was
    emptied = await api.delete("/v1/trash")
    assert emptied.json() == {"purged": 1}
    assert await stored_ids(stack, api) == {kept}
    assert (await api.get(f"/v1/assets/{binned}")).status_code == 404
    assert (await api.post(f"/v1/assets/{binned}/restore")).status_code == 404
    assert (await api.get("/v1/trash")).json()["total"] == 0
    assert (await api.delete("/v1/trash")).json() == {"purged": 0}
    assert await listed(api) == {kept}


async def test_the_purger_deletes_what_is_due(stack: RunningStack, api: httpx.AsyncClient) -> None:
    due, waiting = await uploaded(api, 2)
    for asset_id in (due, waiting):
        assert (await api.delete(f"/v1/assets/{asset_id}")).status_code == 200
    await _backdate_purge(stack, due)

    async def purged() -> bool | None:
        return True if (await api.get(f"/v1/assets/{due}")).status_code == 404 else None

    await eventually(purged)
    assert await stored_ids(stack, api) == {waiting}
    trash = (await api.get("/v1/trash")).json()
    assert [item["id"] for item in trash["items"]] == [waiting]


async def _backdate_purge(stack: RunningStack, asset_id: str) -> None:
    """Arrange what 30 days would: the asset's time in the trash is up."""
    settings = stack.local.mongo_settings()
    client = mongo_client(settings, "tests")
    try:
        assets = client[settings.database]["assets"]
        await assets.update_one({"_id": asset_id}, {"$set": {"purge_at_ms": now_ms() - 1000}})
    finally:
        await client.close()


async def test_a_retention_rule_trashes_old_drafts(api: httpx.AsyncClient) -> None:
    (draft,) = await generated(api, ["a lighthouse on a cliff at dusk"])
    (kept,) = await uploaded(api, 1)
    drafts = {"name": "drafts", "filter": {"quality": ["draft"]}, "older_than_days": 0}
    uploads = {"name": "uploads", "filter": {"kind": ["upload"]}, "older_than_days": 1}
    body: dict[str, Any] = {"trash_days": 7, "retention_rules": [drafts, uploads]}
    put = await api.put("/v1/library/settings", json=body)
    assert put.status_code == 200, put.text
    shown = (await api.get("/v1/library/settings")).json()
    assert shown["trash_days"] == 7
    assert [rule["name"] for rule in shown["retention_rules"]] == ["drafts", "uploads"]
    assert shown["retention_rules"][0]["filter"]["quality"] == ["draft"]
    assert shown["retention_rules"][0]["action"] == "trash"

    binned = await eventually(_first_in_trash(api))
    assert binned["id"] == draft["id"]
    span = datetime.fromisoformat(binned["purge_at"]) - datetime.fromisoformat(binned["trashed_at"])
    assert span == timedelta(days=7)
    assert await listed(api) == {kept}  # the same pass applied the rule not due for a day


def _first_in_trash(api: httpx.AsyncClient) -> Callable[[], Awaitable[dict[str, Any] | None]]:
    async def probe() -> dict[str, Any] | None:
        items: list[dict[str, Any]] = (await api.get("/v1/trash")).json()["items"]
        return items[0] if items else None

    return probe


async def test_invalid_settings_are_refused_with_the_field_named(api: httpx.AsyncClient) -> None:
    rule = {"name": "r", "filter": {}, "older_than_days": 1}
    cases = [
        ({"trash_days": 0}, "trash_days"),
        ({"trash_days": 366}, "trash_days"),
        ({"retention_rules": [rule | {"filter": {"trashed": True}}]}, "retention_rules.0.filter"),
        ({"retention_rules": [rule | {"filter": {"colour": "red"}}]}, "filter.colour"),
        ({"retention_rules": [rule | {"filter": {"min_rating": 9}}]}, "filter.min_rating"),
        ({"retention_rules": [rule | {"older_than_days": -1}]}, "retention_rules.0"),
        ({"retention_rules": [rule | {"action": "purge"}]}, "retention_rules.0.action"),
        ({"retention_rules": [rule, rule]}, "retention_rules"),
        ({"retention_rules": [rule | {"name": str(i)} for i in range(21)]}, "retention_rules"),
    ]
    for body, field in cases:
        answer = await api.put("/v1/library/settings", json=body)
        assert answer.status_code == 422, (body, answer.text)
        locs = [detail["loc"] for detail in answer.json()["error"]["details"]]
        assert any(field in loc for loc in locs), (body, locs)
    shown = (await api.get("/v1/library/settings")).json()
    assert (shown["trash_days"], shown["retention_rules"], shown["updated_at"]) == (30, [], None)


async def test_another_tenants_assets_are_not_found(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    kept, binned = await uploaded(api, 2)
    assert (await api.delete(f"/v1/assets/{binned}")).status_code == 200
    async with authed(stack.url, await stack.tenant()) as other:
        for answer in (
            await other.delete(f"/v1/assets/{kept}"),
            await other.post(f"/v1/assets/{binned}/restore"),
            await other.delete("/v1/assets/ast_00000000000000000000000000"),
        ):
            assert answer.status_code == 404, answer.text
            assert answer.json()["error"]["code"] == "not_found"
        assert (await other.get("/v1/trash")).json()["total"] == 0
        assert (await other.delete("/v1/trash")).json() == {"purged": 0}
        (theirs,) = await uploaded(other, 1)
        rule = {"name": "everything", "filter": {}, "older_than_days": 0}
        assert (
            await other.put("/v1/library/settings", json={"retention_rules": [rule]})
        ).is_success
        assert (await eventually(_first_in_trash(other)))["id"] == theirs
    assert (await api.get("/v1/library/settings")).json()["retention_rules"] == []
    assert await listed(api) == {kept}
    trash = (await api.get("/v1/trash")).json()
    assert [item["id"] for item in trash["items"]] == [binned]
