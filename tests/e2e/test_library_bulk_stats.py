"""Bulk actions by filter or ids (a dry run counts exactly what the action then changes) and the
library stats: counts, bytes and credits by what the tenant made, most used assets, and the
success rate and latency of its jobs per provider."""

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx

from emulator.control import EmulatorControl
from tests.support.client import authed, draft_job, events_until, finished
from tests.support.edit_jobs import upload
from tests.support.library import generated, search
from tests.support.stack import RunningStack
from tests.support.uploads import image_bytes


async def bulk(api: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    answer = await api.post("/v1/assets/bulk", json=body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def uploaded(api: httpx.AsyncClient, count: int) -> list[str]:
    return [await upload(api, image_bytes("PNG", (40 + i, 30))) for i in range(count)]


async def tagged(api: httpx.AsyncClient, tag: str) -> list[str]:
    return sorted(hit["id"] for hit in (await search(api, tags=tag, limit=100))["items"])


async def collection(api: httpx.AsyncClient, name: str) -> str:
    created = await api.post("/v1/collections", json={"name": name})
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def members(api: httpx.AsyncClient, collection_id: str) -> list[str]:
    page = (await api.get(f"/v1/collections/{collection_id}/assets")).json()
    return sorted(item["id"] for item in page["items"])


async def test_a_dry_run_counts_what_the_bulk_tag_then_changes(api: httpx.AsyncClient) -> None:
    made = await generated(api, ["a red fox in snow", "a blue whale", "a green forest"])
    await uploaded(api, 1)
    body: dict[str, Any] = {"action": "tag", "filter": {"kind": ["generate"]}, "tags": ["Q3"]}
    dry = await bulk(api, **body, dry_run=True)
    assert dry == {"action": "tag", "matched": 3, "changed": 3, "dry_run": True}
    assert await tagged(api, "q3") == []
    done = await bulk(api, **body)
    assert done == dry | {"dry_run": False}
    assert await tagged(api, "q3") == sorted(asset["id"] for asset in made)
    assert (await bulk(api, **body))["changed"] == 0
    first = made[0]["id"]
    assert (await api.get(f"/v1/assets/{first}")).json()["tags"] == ["q3"]
    untag = await bulk(api, action="untag", asset_ids=[first, first], tags=["q3", "other"])
    assert (untag["matched"], untag["changed"]) == (1, 1)
    assert await tagged(api, "q3") == sorted(asset["id"] for asset in made[1:])


async def test_bulk_trash_and_restore_by_filter(api: httpx.AsyncClient) -> None:
    made = await generated(api, ["a lighthouse in fog"])
    binned = await uploaded(api, 2)
    dry = await bulk(api, action="trash", filter={"kind": ["upload"]}, dry_run=True)
    assert (dry["matched"], dry["changed"]) == (2, 2)
    assert (await bulk(api, action="trash", filter={"kind": ["upload"]}))["changed"] == 2
    listed = {asset["id"] for asset in (await api.get("/v1/assets")).json()["items"]}
    assert listed == {made[0]["id"]}
    trash = (await api.get("/v1/trash")).json()
    assert sorted(item["id"] for item in trash["items"]) == sorted(binned)
    assert (await bulk(api, action="trash", filter={"kind": ["upload"]}))["matched"] == 0
    restored = await bulk(api, action="restore", filter={"kind": ["upload"]})
    assert (restored["matched"], restored["changed"]) == (2, 2)
    assert (await search(api))["total"] == 3
    again = await bulk(api, action="restore", asset_ids=binned)
    assert (again["matched"], again["changed"]) == (2, 0)


async def test_bulk_collection_actions(api: httpx.AsyncClient) -> None:
    x, y, z = await uploaded(api, 3)
    first, second = await collection(api, "Spring"), await collection(api, "Summer")
    added = await bulk(api, action="add_to_collection", asset_ids=[x, y], collection_id=first)
    assert added["changed"] == 2
    assert await members(api, first) == sorted([x, y])
    moved = await bulk(
        api, action="move_to_collection", filter={"collection_id": first}, collection_id=second
    )
    assert (moved["matched"], moved["changed"]) == (2, 2)
    assert (await members(api, first), await members(api, second)) == ([], sorted([x, y]))
    more = await bulk(api, action="add_to_collection", asset_ids=[x, z], collection_id=second)
    assert (more["matched"], more["changed"]) == (2, 1)
    asset = (await api.get(f"/v1/assets/{z}")).json()
    assert asset["collection_ids"] == [second]
    dry = await bulk(
        api, action="remove_from_collection", filter={}, collection_id=second, dry_run=True
    )
    assert (dry["matched"], dry["changed"]) == (3, 3)
    assert (await bulk(api, action="remove_from_collection", filter={}, collection_id=second))[
        "changed"
    ] == 3
    assert await members(api, second) == []


async def test_invalid_bulk_requests_name_the_field(api: httpx.AsyncClient) -> None:
    (asset,) = await uploaded(api, 1)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"action": "tag", "filter": {"colour": "red"}, "tags": ["a"]}, "filter.colour"),
        ({"action": "tag", "filter": {"min_bytes": 5, "max_bytes": 1}, "tags": ["a"]}, "filter"),
        ({"action": "tag", "filter": {"min_rating": 6}, "tags": ["a"]}, "filter.min_rating"),
        ({"action": "tag", "filter": {}}, "tags"),
        ({"action": "tag", "filter": {}, "tags": [""]}, "tags.0"),
        ({"action": "tag", "tags": ["a"]}, "filter"),
        ({"action": "tag", "filter": {}, "asset_ids": [asset], "tags": ["a"]}, "filter"),
        ({"action": "explode", "filter": {}}, "action"),
        ({"action": "add_to_collection", "filter": {}}, "collection_id"),
        ({"action": "add_to_collection", "filter": {}, "collection_id": "col_x"}, "collection_id"),
        ({"action": "trash", "filter": {"trashed": True}}, "filter.trashed"),
        ({"action": "trash", "asset_ids": [asset, "ast_nope"]}, "asset_ids"),
        ({"action": "trash", "asset_ids": []}, "asset_ids"),
    ]
    for body, field in cases:
        answer = await api.post("/v1/assets/bulk", json=body)
        assert answer.status_code == 422, (body, answer.text)
        locs = [detail["loc"] for detail in answer.json()["error"]["details"]]
        assert field in locs, (body, locs)
    assert (await api.get(f"/v1/assets/{asset}")).json()["trashed_at"] is None


async def test_another_tenants_ids_are_refused(stack: RunningStack, api: httpx.AsyncClient) -> None:
    (mine,) = await uploaded(api, 1)
    mine_in = await collection(api, "Mine")
    async with authed(stack.url, await stack.tenant()) as other:
        by_id = await other.post("/v1/assets/bulk", json={"action": "trash", "asset_ids": [mine]})
        assert by_id.status_code == 422, by_id.text
        assert [d["loc"] for d in by_id.json()["error"]["details"]] == ["asset_ids"]
        body = {"action": "add_to_collection", "filter": {}, "collection_id": mine_in}
        filing = await other.post("/v1/assets/bulk", json=body)
        assert filing.status_code == 422, filing.text
        assert (await bulk(other, action="trash", filter={}))["matched"] == 0
        assert (await other.get("/v1/library/stats")).json()["totals"]["assets"] == 0
    assert (await api.get(f"/v1/assets/{mine}")).json()["trashed_at"] is None


async def test_stats_count_what_the_tenant_made(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    made = await generated(api, ["a red fox in snow", "a blue whale"])
    kept, binned = await uploaded(api, 2)
    hero = [asset["id"] for asset in made]
    size = {a: (await api.get(f"/v1/assets/{a}")).json()["bytes"] for a in [*hero, kept, binned]}
    assert (await api.delete(f"/v1/assets/{binned}")).status_code == 200
    await bulk(api, action="tag", asset_ids=hero, tags=["hero"])
    campaign = await collection(api, "Campaign")
    await bulk(api, action="add_to_collection", asset_ids=hero, collection_id=campaign)
    for asset_id in (hero[1], hero[1], hero[0]):
        assert (await api.get(f"/v1/assets/{asset_id}/content")).status_code == 302
    await _failed_google_job(api, emulator)

    stats = await _stats_once_outcomes_are_in(api, jobs=3)
    live = sum(size[a] for a in [*hero, kept])
    assert stats["totals"] == {
        "assets": 3,
        "bytes": live,
        "trashed_assets": 1,
        "trashed_bytes": size[binned],
        "stored_bytes": live + size[binned],
    }
    kinds = {b["key"]: (b["assets"], b["bytes"]) for b in stats["by_kind"]}
    assert kinds == {"generate": (2, size[hero[0]] + size[hero[1]]), "upload": (1, size[kept])}
    providers = {b["key"]: b["assets"] for b in stats["by_provider"]}
    assert providers == {"local-draft": 2, "none": 1}
    month = datetime.now(UTC).strftime("%Y-%m")
    assert [(b["key"], b["assets"]) for b in stats["by_month"]] == [(month, 3)]
    credits = sum([(await api.get(f"/v1/assets/{a}")).json()["cost_credits"] for a in hero])
    assert stats["credits_by_collection"] == [
        {"key": campaign, "name": "Campaign", "assets": 2, "credits": credits}
    ]
    assert {"key": "hero", "name": None, "assets": 2, "credits": credits} in stats["credits_by_tag"]
    assert [(u["asset_id"], u["usage_count"]) for u in stats["most_used"]] == [
        (hero[1], 2),
        (hero[0], 1),
    ]
    outcomes = {p["provider"]: p for p in stats["providers"]}
    draft, google = outcomes["local-draft"], outcomes["google"]
    assert (draft["success_rate"], draft["jobs_completed"], draft["failed"]) == (1.0, 2, 0)
    assert draft["latency_ms_p50"] is not None
    assert (google["success_rate"], google["jobs_failed"], google["succeeded"]) == (0.0, 1, 0)
    assert google["latency_ms_p50"] is None


async def _failed_google_job(api: httpx.AsyncClient, emulator: EmulatorControl) -> None:
    await emulator.behave("google", {"kind": "status", "status": 422, "message": "public figure"})
    job = (await api.post("/v1/jobs", json=draft_job(quality="standard", provider="google"))).json()
    events = await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
    assert events[-1]["type"] == "studio.job.failed", events[-1]


async def _stats_once_outcomes_are_in(api: httpx.AsyncClient, jobs: int) -> Any:
    """The stats once the library has the outcomes of this many jobs (it reads them from the
    same events as the gateway, independently)."""

    async def poll() -> Any:
        while True:
            stats = (await api.get("/v1/library/stats")).json()
            ended = sum(p["jobs_completed"] + p["jobs_failed"] for p in stats["providers"])
            if ended >= jobs:
                return stats
            await asyncio.sleep(0.2)

    return await asyncio.wait_for(poll(), 30)
