"""Create Studio on `generate`: templates, styles, brand kits, variations and prompt enhancement,
through the API."""

from typing import Any

import httpx

from tests.support.client import authed, draft_job, run_job
from tests.support.stack import RunningStack

KIT = {
    "name": "Acme watches",
    "colors": ["#000080", "#FFD700"],
    "preferred_style": "luxury",
    "avoid_words": ["cheap"],
    "keywords": ["timeless"],
}


async def completed(api: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    job = await run_job(api, body)
    assert job["status"] == "completed", job
    return job


async def test_templates_styles_and_platforms_are_listed(api: httpx.AsyncClient) -> None:
    templates = {t["id"]: t for t in (await api.get("/v1/templates")).json()["items"]}
    story = templates["social.instagram.story"]
    assert (story["width"], story["height"], story["aspect_ratio"]) == (1080, 1920, "9:16")
    styles = (await api.get("/v1/styles")).json()["items"]
    assert len(styles) >= 40
    platforms = {p["id"]: p for p in (await api.get("/v1/platforms")).json()["items"]}
    story = platforms["ig.story"]
    assert (story["width"], story["height"], story["max_bytes"]) == (1080, 1920, 30 * 2**20)
    assert story["safe"] == {"top": 270, "bottom": 380, "left": 0, "right": 0}


async def test_a_template_sets_size_style_and_scaffolding(api: httpx.AsyncClient) -> None:
    body = draft_job(prompt="a sneaker", template="email.banner", width=None, height=None)
    job = await completed(api, body)
    asset = (await api.get(f"/v1/assets/{job['asset_ids'][0]}")).json()
    assert (asset["width"], asset["height"]) == (1200, 400)
    assert asset["prompt"].startswith("a sneaker, wide banner, subject on one side")
    assert "minimalist composition" in asset["prompt"]


async def test_a_brand_kit_is_applied_to_the_jobs_that_name_it(api: httpx.AsyncClient) -> None:
    created = await api.post("/v1/brand-kits", json=KIT)
    assert created.status_code == 201, created.text
    kit_id = created.json()["id"]
    job = await completed(api, draft_job(prompt="a cheap watch on marble", brand_kit=kit_id))
    asset = (await api.get(f"/v1/assets/{job['asset_ids'][0]}")).json()
    assert "navy, gold" in asset["prompt"]
    assert "luxury brand aesthetic" in asset["prompt"]
    assert "cheap" not in asset["prompt"]
    assert "cheap" in asset["negative_prompt"].split(", ")


async def test_brand_kits_are_managed_per_tenant(
    api: httpx.AsyncClient, stack: RunningStack
) -> None:
    async with authed(stack.url, await stack.tenant()) as other:
        await _managed_per_tenant(api, other)


async def _managed_per_tenant(api: httpx.AsyncClient, other: httpx.AsyncClient) -> None:
    kit_id = (await api.post("/v1/brand-kits", json=KIT)).json()["id"]
    listed = (await api.get("/v1/brand-kits")).json()["items"]
    assert [k["id"] for k in listed] == [kit_id]
    changed = await api.put(f"/v1/brand-kits/{kit_id}", json=KIT | {"colors": ["#FF0000"]})
    assert changed.json()["colors"] == ["#FF0000"]
    assert (await other.get(f"/v1/brand-kits/{kit_id}")).status_code == 404
    refused = await other.post("/v1/jobs", json=draft_job(brand_kit=kit_id))
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["loc"] == "params.brand_kit"
    assert (await api.delete(f"/v1/brand-kits/{kit_id}")).status_code == 204
    assert (await api.get(f"/v1/brand-kits/{kit_id}")).status_code == 404


async def test_bad_creative_input_is_refused_clearly(api: httpx.AsyncClient) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"template": "social.myspace"}, "unknown template"),
        ({"style": "vangogh"}, "unknown style"),
        ({"variations": 11}, "less than or equal to 10"),
        ({"aspect_ratio": "7:5"}, "aspect_ratio"),
    ]
    for params, message in cases:
        answer = await api.post("/v1/jobs", json=draft_job(**params))
        assert answer.status_code == 422, params
        assert message in answer.text
    kit = await api.post("/v1/brand-kits", json=KIT | {"colors": ["navy"]})
    assert kit.status_code == 422


async def test_variations_each_have_their_own_seed(api: httpx.AsyncClient) -> None:
    job = await completed(api, draft_job(variations=3, seed=41, style="pop-art"))
    seeds = [(await api.get(f"/v1/assets/{a}")).json()["seed"] for a in job["asset_ids"]]
    assert seeds == [41, 42, 43]
    assert job["cost"]["credits"] == 3
