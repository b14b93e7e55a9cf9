"""Usage and export history on the real stack: a download is recorded with the key's prefix, a
share view and download with the link; the catalog's `used` filter and `most_used` sort follow;
job and collection archives land in the export history; other tenants see none of it."""

import io
import json
import zipfile
from typing import Any

import httpx

from tests.support.client import authed, draft_job, run_job
from tests.support.photos import png
from tests.support.stack import RunningStack


async def upload(api: httpx.AsyncClient, data: bytes) -> dict[str, Any]:
    response = await api.post("/v1/uploads", files={"file": ("a.png", data, "image/png")})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def usage(api: httpx.AsyncClient, asset_id: str, **params: Any) -> dict[str, Any]:
    response = await api.get(f"/v1/assets/{asset_id}/usage", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_downloads_and_share_views_are_recorded(
    api: httpx.AsyncClient, stack: RunningStack, tenant_key: str
) -> None:
    asset = await upload(api, png(32, 24))
    assert (await usage(api, asset["id"]))["items"] == []
    assert (await api.get(f"/v1/assets/{asset['id']}/content")).status_code == 302
    link = (await api.post("/v1/shares", json={"asset_id": asset["id"]})).json()
    async with httpx.AsyncClient(base_url=stack.url, timeout=30) as public:
        view = (await public.get(link["url"])).json()
        assert (await public.get(view["asset"]["links"]["download"])).status_code == 200

    found = await usage(api, asset["id"])
    actions = [(u["action"], u["actor"]) for u in found["items"]]
    assert actions == [
        ("share_download", f"share:{link['id']}"),
        ("share_view", f"share:{link['id']}"),
        ("download", tenant_key[:12]),
    ]
    assert found["items"][0]["rendition"] == {"asset_id": asset["id"], "preset": None}
    assert found["items"][1]["rendition"] is None
    assert found["totals"] == {"download": 1, "share_view": 1, "share_download": 1}
    shown = (await api.get(f"/v1/assets/{asset['id']}")).json()
    assert shown["usage_count"] == 3
    assert shown["last_used_at"] is not None

    first = await usage(api, asset["id"], limit=2)
    rest = await usage(api, asset["id"], limit=2, cursor=first["next"])
    assert [u["id"] for u in first["items"] + rest["items"]] == [u["id"] for u in found["items"]]
    assert rest["next"] is None


async def test_search_finds_used_and_never_used_assets(api: httpx.AsyncClient) -> None:
    used, unused = await upload(api, png(30, 30)), await upload(api, png(31, 31))
    assert (await api.get(f"/v1/assets/{used['id']}/content")).status_code == 302
    shown = await api.get(f"/v1/assets/{unused['id']}/content", params={"preview": "true"})
    assert shown.status_code == 302, "a preview is served but not counted as a use"
    never = (await api.get("/v1/assets/search", params={"used": "false"})).json()
    assert [a["id"] for a in never["items"]] == [unused["id"]]
    ranked = (await api.get("/v1/assets/search", params={"sort": "most_used"})).json()
    assert [a["id"] for a in ranked["items"]] == [used["id"], unused["id"]]


async def test_job_and_collection_archives_are_in_the_export_history(
    api: httpx.AsyncClient, tenant_key: str
) -> None:
    job = await run_job(api, draft_job(variations=2))
    assert job["status"] == "completed", job
    job_zip = await api.get(f"/v1/jobs/{job['id']}/archive")
    assert job_zip.status_code == 200

    upload_id = (await upload(api, png(24, 24)))["id"]
    collection = (await api.post("/v1/collections", json={"name": "Picks"})).json()
    members = [upload_id, job["asset_ids"][0]]
    added = await api.post(
        f"/v1/collections/{collection['id']}/assets", json={"asset_ids": members}
    )
    assert added.status_code == 200, added.text
    collection_zip = await api.get(f"/v1/collections/{collection['id']}/archive")
    assert collection_zip.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(collection_zip.content))
    files = [entry["file"] for entry in json.loads(archive.read("manifest.json"))["files"]]
    assert files[0] == f"0001-{upload_id}.png"
    assert files[1].startswith(f"0002-{members[1]}.")
    assert len(files) == 2
    assert archive.read(files[0]) == png(24, 24)

    exports = (await api.get("/v1/exports")).json()["items"]
    assert [(e["kind"], e["of"]) for e in exports] == [
        ("collection", collection["id"]),
        ("job", job["id"]),
    ]
    assert exports[0]["asset_ids"] == members
    assert sorted(exports[1]["asset_ids"]) == sorted(job["asset_ids"])
    assert (exports[0]["count"], exports[1]["count"]) == (2, 2)
    assert exports[0]["bytes"] == len(collection_zip.content)
    assert exports[1]["bytes"] == len(job_zip.content)
    assert {e["actor"] for e in exports} == {tenant_key[:12]}
    archived = await usage(api, members[1])
    assert archived["totals"] == {"archive": 2}


async def test_another_tenant_sees_no_usage_or_exports(
    api: httpx.AsyncClient, stack: RunningStack
) -> None:
    asset = await upload(api, png(20, 20))
    collection = (await api.post("/v1/collections", json={"name": "Mine"})).json()
    assert (await api.get(f"/v1/collections/{collection['id']}/archive")).status_code == 200
    async with authed(stack.url, await stack.tenant()) as other:
        for path in [
            f"/v1/assets/{asset['id']}/usage",
            f"/v1/collections/{collection['id']}/archive",
        ]:
            answer = await other.get(path)
            assert answer.status_code == 404, path
            assert answer.json()["error"]["code"] == "not_found"
        assert (await other.get("/v1/exports")).json()["items"] == []
    assert len((await api.get("/v1/exports")).json()["items"]) == 1
