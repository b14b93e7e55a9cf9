"""The library as a tenant organises and finds assets: merge-patch edits with `If-Match`, tags,
collections, full-text and filtered search with cursors, semantic search and near-duplicates."""

import io
from typing import Any

import httpx

from tests.support.client import authed, draft_job, events_until, finished
from tests.support.edit_jobs import upload
from tests.support.library import analysed, generated, search
from tests.support.photos import astronaut, photo
from tests.support.stack import RunningStack

SEMANTIC_PROMPTS = [
    "golden hour by the sea",
    "a red sports car on a mountain road",
    "corporate team meeting in a glass office",
    "a steaming bowl of ramen noodles",
    "snowy log cabin in a pine forest at night",
    "neon city street in the rain",
    "a golden retriever puppy playing in grass",
    "minimalist white sneakers on a pastel background",
    "a cup of latte art on a wooden table",
    "astronaut floating above the earth",
    "fresh strawberries in a basket",
    "a vintage typewriter on a desk",
    "mountain climber on a snowy summit",
    "a bride holding a bouquet of roses",
    "skyscrapers reflected in a river at dawn",
    "a child reading a book under a tree",
    "electric guitar on a concert stage",
    "a hot air balloon over the desert",
    "close-up of a honeybee on a flower",
    "a smartphone on a marble countertop",
    "tropical cocktail with a paper umbrella",
    "an old lighthouse during a storm",
    "yoga class in a sunny studio",
    "a stack of pancakes with maple syrup",
    "wind turbines on green hills",
    "a cat sleeping on a windowsill",
    "runners crossing a marathon finish line",
    "a luxury watch on black velvet",
    "autumn leaves on a park bench",
    "a scientist looking into a microscope",
]
MEANINGS = {
    "sunset beach ad": "golden hour by the sea",
    "fast food breakfast": "a stack of pancakes with maple syrup",
    "renewable energy": "wind turbines on green hills",
    "pet sleeping indoors": "a cat sleeping on a windowsill",
}


async def test_an_edit_is_a_merge_patch(api: httpx.AsyncClient) -> None:
    (asset,) = await generated(api, ["a lighthouse on a cliff"])
    first = {"title": "Cliff", "tags": ["Coast", "coast", "hero"], "rating": 4, "favorite": True}
    edited = await api.patch(f"/v1/assets/{asset['id']}", json=first | {"custom": {"a": "1"}})
    assert edited.status_code == 200, edited.text
    again = await api.patch(
        f"/v1/assets/{asset['id']}",
        json={"title": None, "custom": {"a": None, "b": "2"}},
        headers={"Content-Type": "application/merge-patch+json"},
    )
    body = again.json()
    assert body["title"] is None
    assert body["tags"] == ["coast", "hero"]
    assert (body["rating"], body["favorite"]) == (4, True)
    assert body["custom"] == {"b": "2"}
    assert body["updated_at"] > asset["updated_at"]


async def test_if_match_refuses_an_edit_of_a_changed_asset(api: httpx.AsyncClient) -> None:
    (asset,) = await generated(api, ["a lighthouse on a cliff"])
    read = await api.get(f"/v1/assets/{asset['id']}")
    etag = read.headers["etag"]
    mine = await api.patch(
        f"/v1/assets/{asset['id']}", json={"title": "mine"}, headers={"If-Match": etag}
    )
    assert mine.status_code == 200, mine.text
    assert mine.headers["etag"] != etag
    theirs = await api.patch(
        f"/v1/assets/{asset['id']}", json={"title": "theirs"}, headers={"If-Match": etag}
    )
    assert theirs.status_code == 412
    assert theirs.json()["error"]["code"] == "precondition_failed"
    assert (await api.get(f"/v1/assets/{asset['id']}")).json()["title"] == "mine"
    garbled = await api.patch(
        f"/v1/assets/{asset['id']}", json={"title": "x"}, headers={"If-Match": "yesterday"}
    )
    assert garbled.status_code == 422


async def test_bad_edits_name_the_field(api: httpx.AsyncClient) -> None:
    (asset,) = await generated(api, ["a lighthouse on a cliff"])
    for body, field in (
        ({"rating": 6}, "rating"),
        ({"tags": ["x" * 51]}, "tags"),
        ({"custom": {"bad key": "v"}}, "custom"),
        ({"owner": "me"}, "owner"),
    ):
        response = await api.patch(f"/v1/assets/{asset['id']}", json=body)
        assert response.status_code == 422, body
        assert any(field in d["loc"] for d in response.json()["error"]["details"]), body


async def test_tags_are_counted(api: httpx.AsyncClient) -> None:
    one, two = await generated(api, ["a red kite", "a blue kite"])
    await api.patch(f"/v1/assets/{one['id']}", json={"tags": ["kites", "spring"]})
    await api.patch(f"/v1/assets/{two['id']}", json={"tags": ["kites"]})
    tags = {t["tag"]: t for t in (await api.get("/v1/tags")).json()["items"]}
    assert tags["kites"]["count"] == 2
    assert tags["spring"]["count"] == 1
    assert "manual" in tags["kites"]["sources"]
    assert [
        t["tag"] for t in (await api.get("/v1/tags", params={"prefix": "spr"})).json()["items"]
    ] == ["spring"]


async def test_a_collection_keeps_its_order(api: httpx.AsyncClient) -> None:
    a, b, c, d = await generated(api, ["first", "second", "third", "fourth"])
    made = await api.post("/v1/collections", json={"name": "Spring campaign"})
    assert made.status_code == 201, made.text
    collection = made.json()
    path = f"/v1/collections/{collection['id']}"
    added = await api.post(f"{path}/assets", json={"asset_ids": [a["id"], b["id"], c["id"]]})
    assert added.json()["asset_count"] == 3
    await api.post(f"{path}/assets", json={"asset_ids": [d["id"]], "before": b["id"]})
    order = [x["id"] for x in (await api.get(f"{path}/assets")).json()["items"]]
    assert order == [a["id"], d["id"], b["id"], c["id"]]
    shown = (await api.get(path)).json()
    assert (shown["asset_count"], shown["cover_asset_id"]) == (4, a["id"])
    await api.delete(f"{path}/assets/{a['id']}")
    in_it = await search(api, collection_id=collection["id"])
    assert in_it["total"] == 3
    assert collection["id"] in (await api.get(f"/v1/assets/{b['id']}")).json()["collection_ids"]
    renamed = await api.patch(path, json={"name": "Summer", "cover_asset_id": c["id"]})
    assert (renamed.json()["name"], renamed.json()["cover_asset_id"]) == ("Summer", c["id"])
    assert (await api.delete(path)).status_code == 204
    assert (await api.get(path)).status_code == 404
    assert (await api.get(f"/v1/assets/{b['id']}")).json()["collection_ids"] == []


async def test_collections_refuse_unknown_assets(api: httpx.AsyncClient) -> None:
    collection = (await api.post("/v1/collections", json={"name": "x"})).json()
    refused = await api.post(
        f"/v1/collections/{collection['id']}/assets", json={"asset_ids": ["ast_nope"]}
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["loc"].endswith("asset_ids")
    assert (await api.post("/v1/collections", json={"name": ""})).status_code == 422


async def test_search_by_words_filters_and_pages(api: httpx.AsyncClient) -> None:
    assets = await generated(
        api, [f"lighthouse number {i}" for i in range(5)] + ["a quiet harbour", "harbours"]
    )
    await api.patch(f"/v1/assets/{assets[1]['id']}", json={"favorite": True, "rating": 5})
    await api.patch(f"/v1/assets/{assets[5]['id']}", json={"title": "Lighthouse keeper"})
    words = await search(api, q="lighthouse")
    assert words["total"] == 6
    assert {x["id"] for x in (await search(api, q="lighthou"))["items"]} == {
        x["id"] for x in words["items"]
    }
    assert (await search(api, q="harbour"))["total"] == 2, "a plural finds the singular"
    favourite = await search(api, q="lighthouse", favorite="true", min_rating=5)
    assert [x["id"] for x in favourite["items"]] == [assets[1]["id"]]
    assert (await search(api, kind="upload"))["total"] == 0
    seen: list[str] = []
    cursor = None
    while True:
        page = await search(api, sort="newest", limit=3, **({"cursor": cursor} if cursor else {}))
        seen += [x["id"] for x in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(x["id"] for x in assets), "every asset once, none twice"


async def test_semantic_search_ranks_by_meaning(api: httpx.AsyncClient) -> None:
    assets = await generated(api, SEMANTIC_PROMPTS)
    for asset in assets:
        await analysed(api, asset["id"])
    for query, expected in MEANINGS.items():
        found = await search(api, q=query, mode="semantic", limit=3)
        assert found["items"], query
        assert found["items"][0]["prompt"] == expected, (
            query,
            [x["prompt"] for x in found["items"]],
        )
        assert found["items"][0]["score"] > found["items"][-1]["score"] or len(found["items"]) == 1


async def test_a_reencoded_copy_is_a_near_duplicate(api: httpx.AsyncClient) -> None:
    original, copy, other = io.BytesIO(), io.BytesIO(), io.BytesIO()
    astronaut().save(original, "PNG")
    astronaut().resize((256, 256)).save(copy, "JPEG", quality=60)
    photo((640, 480)).rotate(90, expand=True).save(other, "PNG")
    first = await upload(api, original.getvalue(), "astronaut.png")
    second = await upload(api, copy.getvalue(), "astronaut-small.jpg")
    third = await upload(api, other.getvalue(), "coffee.png")
    for asset_id in (first, second, third):
        await analysed(api, asset_id)
    similar = (await api.get(f"/v1/assets/{first}/similar")).json()
    assert [x["id"] for x in similar["items"]] == [second]
    assert similar["items"][0]["score"] <= 6
    groups = (await api.get("/v1/assets/duplicates")).json()["groups"]
    assert [sorted(x["id"] for x in g["items"]) for g in groups] == [sorted([first, second])]


async def test_bad_searches_name_the_parameter(api: httpx.AsyncClient) -> None:
    for params, field in (
        ({"min_bytes": 10, "max_bytes": 5}, "min_bytes"),
        ({"mode": "semantic"}, "mode"),
        ({"sort": "loudest"}, "sort"),
        ({"min_rating": 9}, "min_rating"),
        ({"colour": "red"}, "colour"),
        ({"cursor": "bm9wZQ"}, "cursor"),
    ):
        response = await api.get("/v1/assets/search", params=params)
        assert response.status_code == 422, params
        error = response.json()["error"]
        assert field in str(error), (params, error)


async def test_other_tenants_assets_and_collections_are_not_found(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    (asset,) = await generated(api, ["mine"])
    collection = (await api.post("/v1/collections", json={"name": "mine"})).json()
    async with authed(stack.url, await stack.tenant()) as other:
        probes: list[tuple[str, str, Any]] = [
            ("PATCH", f"/v1/assets/{asset['id']}", {"title": "theirs"}),
            ("GET", f"/v1/assets/{asset['id']}/similar", None),
            ("GET", f"/v1/collections/{collection['id']}", None),
            ("PATCH", f"/v1/collections/{collection['id']}", {"name": "theirs"}),
            ("DELETE", f"/v1/collections/{collection['id']}", None),
            ("GET", f"/v1/collections/{collection['id']}/assets", None),
            ("POST", f"/v1/collections/{collection['id']}/assets", {"asset_ids": [asset["id"]]}),
        ]
        for method, path, body in probes:
            response = await other.request(method, path, json=body)
            assert response.status_code == 404, (method, path, response.text)
        theirs = (await other.post("/v1/collections", json={"name": "theirs"})).json()
        stolen = await other.post(
            f"/v1/collections/{theirs['id']}/assets", json={"asset_ids": [asset["id"]]}
        )
        assert stolen.status_code == 422
        assert (await search(other, q="mine"))["total"] == 0


async def test_a_batch_puts_its_outputs_in_a_collection(api: httpx.AsyncClient) -> None:
    collection = (await api.post("/v1/collections", json={"name": "Launch"})).json()
    jobs = [draft_job(prompt=f"poster {n}", width=64, height=64) for n in range(2)]
    body = {"name": "launch", "jobs": jobs, "collection_id": collection["id"]}
    submitted = await api.post("/v1/batches", json=body)
    assert submitted.status_code == 202, submitted.text
    batch = submitted.json()
    assert batch["collection_id"] == collection["id"]
    listed = await api.get(f"/v1/batches/{batch['id']}/jobs")
    ids = [job["id"] for job in listed.json()["items"]]
    await events_until(api, finished(ids), job_ids=ids, timeout_s=120)
    items = (await api.get(f"/v1/collections/{collection['id']}/assets")).json()["items"]
    assert sorted(x["job_id"] for x in items) == sorted(ids)
    refused = await api.post("/v1/batches", json=body | {"collection_id": "col_nope"})
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["loc"] == "collection_id"
