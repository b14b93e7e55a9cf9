"""Recommendations through the API: ranked with why, price, time and health; bad constraints
refused; `provider: auto` runs the recommended provider and records why; estimates offer cheaper
or faster ways of another tier; Free makes 480p video and is refused 720p naming the plan."""

from typing import Any

import httpx
from PIL import Image

from tests.support.client import authed, run_job
from tests.support.edit_jobs import png, upload
from tests.support.stack import RunningStack

SIGN = 'a bakery shop window with a sign that says "FRESH BREAD"'


async def recommend(api: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    answer = await api.post("/v1/recommendations", json=body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def test_recommendations_rank_with_why_price_time_and_health(api: httpx.AsyncClient) -> None:
    result = await recommend(api, {"prompt": SIGN, "quality": "standard", "budget_credits": 2})
    assert result["needs"]["needs_text"] is True
    assert "FRESH BREAD" in result["needs"]["inferred"][0]["detail"]
    top = result["items"][0]
    assert [item["rank"] for item in result["items"]] == list(range(1, len(result["items"]) + 1))
    assert "renders_text" in {reason["code"] for reason in top["reasons"]}
    assert top["availability"] == {"configured": True, "circuit": "closed", "available": True}
    assert top["credits"] <= 2
    assert top["expected_seconds"] > 0
    assert top["summary"]
    assert top["params"] == {
        "provider": top["provider"],
        "model": top["model"],
        "quality": "standard",
    }
    assert {e["model"] for e in result["excluded"]} >= {"core"}  # 3 credits, over the budget
    plain = await recommend(api, {"prompt": "a bakery", "quality": "standard"})
    available = [item for item in plain["items"] if item["availability"]["available"]]
    assert plain["items"][: len(available)] == available  # available providers first
    assert available[0]["credits"] == min(item["credits"] for item in available)  # no needs


async def test_bad_constraints_are_refused_by_field(api: httpx.AsyncClient) -> None:
    for body, field in [
        ({"budget_credits": -1}, "budget_credits"),
        ({"deadline_s": 0}, "deadline_s"),
        ({"style": "no-such-style"}, ""),
        ({"kind": "paint.walls"}, ""),
        ({"needs_txt": True}, "needs_txt"),
    ]:
        answer = await api.post("/v1/recommendations", json=body)
        assert answer.status_code == 422, (body, answer.text)
        error = answer.json()["error"]
        assert error["code"]
        assert error["message"]
        assert any(field in detail["loc"] for detail in error["details"]), error


async def test_auto_runs_the_recommended_provider_and_records_why(api: httpx.AsyncClient) -> None:
    result = await recommend(api, {"prompt": SIGN, "quality": "standard"})
    top = result["items"][0]
    job = await run_job(
        api, {"kind": "generate", "params": {"prompt": SIGN, "width": 256, "height": 256}}
    )
    assert job["status"] == "completed", job
    assert (job["provider"], job["model"]) == (top["provider"], top["model"])
    decision = job["decision"]
    assert decision["needs"] == ["needs_text"]
    assert "renders_text" in {reason["code"] for reason in decision["reasons"]}
    assert decision["ranked"][0] == f"{top['provider']}/{top['model']}"
    assert top["model"] in decision["summary"]


async def test_estimates_offer_cheaper_or_faster_ways_of_another_tier(
    api: httpx.AsyncClient,
) -> None:
    body = {"kind": "generate", "params": {"prompt": "a fox", "quality": "standard"}}
    quote = (await api.post("/v1/estimate", json=body)).json()["items"][0]
    drafts = [a for a in quote["alternatives"] if a["quality"] == "draft"]
    assert drafts
    assert set(drafts[0]["better"]) == {"cheaper", "faster"}
    assert drafts[0]["params"]["quality"] == "draft"


async def test_free_makes_480p_video_and_is_refused_720p_naming_the_plan(
    stack: RunningStack,
) -> None:
    async with authed(stack.url, await stack.tenant("free", 100)) as free:
        image = await upload(free, png(Image.new("RGB", (160, 120), (200, 90, 40))))
        video = {"image_asset_id": image, "quality": "draft", "duration_s": 3}
        refused = await free.post(
            "/v1/jobs",
            json={"kind": "transform.image_to_video", "params": video | {"resolution": "720p"}},
        )
        assert refused.status_code == 402, refused.text
        error = refused.json()["error"]
        assert error["code"] == "resolution_not_in_plan"
        assert "Free" in error["message"]
        assert "Basic plan allows it" in error["message"]
        job = await run_job(
            free, {"kind": "transform.image_to_video", "params": video | {"resolution": "480p"}}
        )
        assert job["status"] == "completed", job
        assert job["cost"]["credits"] == 1  # local pan-and-zoom: 1 credit per 5 s
