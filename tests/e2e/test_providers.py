"""The provider layer through the whole stack, with every provider served by the emulator over
real HTTP: fallback, Retry-After, circuit breaking, async failures, the result cache, and what
each attempt cost."""

import asyncio
import hashlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from emulator.control import EmulatorControl
from tests.support.client import download, run_job, settled_balance
from tests.support.stack import RunningStack

STANDARD = {"prompt": "a ceramic mug on a wooden table", "width": 256, "height": 256}


@pytest.fixture
async def emulator(stack: RunningStack, api: httpx.AsyncClient) -> AsyncIterator[EmulatorControl]:
    """A well-behaved emulator, and no provider still routed around from an earlier test."""
    control = EmulatorControl(stack.emulator_url)
    await control.reset()
    await _heal_circuits(api)
    await control.reset()
    yield control
    await control.reset()
    await _heal_circuits(api)  # later tests expect every provider in service
    await control.close()


async def _heal_circuits(api: httpx.AsyncClient) -> None:
    """Close every open circuit: wait for its trial, and let a job pinned to it succeed."""
    providers = (await api.get("/v1/providers")).json()["items"]
    tripped = [p["name"] for p in providers if p["circuit"] != "closed"]
    if tripped:
        await _circuits_may_try(api)
    for name in tripped:
        params = STANDARD | ({"quality": "premium"} if name == "wavespeed" else {})
        assert (await run(api, params | {"provider": name}))["status"] == "completed"


async def _circuits_may_try(api: httpx.AsyncClient) -> None:
    for _ in range(100):
        providers = (await api.get("/v1/providers")).json()["items"]
        if all(p["next_trial_in_s"] == 0 for p in providers):
            return
        await asyncio.sleep(0.1)
    raise AssertionError("a provider's circuit stayed open")


async def run(api: httpx.AsyncClient, params: dict[str, Any]) -> dict[str, Any]:
    """Run a `generate` job to its end; the job as the API shows it then."""
    return await run_job(api, {"kind": "generate", "params": params})


def outcomes(job: dict[str, Any]) -> list[tuple[str, str]]:
    return [(a["provider"], a["outcome"]) for a in job["attempts"]]


async def test_a_failing_primary_falls_back_and_only_the_deliverer_is_charged(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave("huggingface", {"kind": "status", "status": 500, "times": -1})
    before = await settled_balance(api)
    job = await run(api, STANDARD)
    assert job["status"] == "completed", job
    assert outcomes(job) == [("huggingface", "error")] * 3 + [("wavespeed", "ok")]
    assert [a["status"] for a in job["attempts"][:3]] == [500, 500, 500]
    assert (job["provider"], job["model"]) == ("wavespeed", "qwen-image")
    assert job["cost"]["credits"] == 2
    assert [a["cost"]["credits"] for a in job["attempts"]] == [0, 0, 0, 2]
    assert before - await settled_balance(api) == 2
    asset = (await api.get(f"/v1/assets/{job['asset_ids'][0]}")).json()
    assert (asset["provider"], asset["model"], asset["width"], asset["height"]) == (
        "wavespeed",
        "qwen-image",
        256,
        256,
    )


async def test_retry_after_is_honoured_before_the_same_provider_is_asked_again(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave("huggingface", {"kind": "status", "status": 429, "retry_after_s": 2})
    job = await run(api, STANDARD)
    assert job["status"] == "completed", job
    assert outcomes(job) == [("huggingface", "rate_limited"), ("huggingface", "ok")]
    assert job["attempts"][0]["retry_after_s"] == 2
    first, second = await emulator.calls("huggingface")
    assert second["at"] - first["at"] >= 2.0


async def test_the_circuit_opens_routes_around_and_heals(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave("huggingface", {"kind": "status", "status": 503, "times": 3})
    tripped = await run(api, STANDARD)
    assert outcomes(tripped)[-1] == ("wavespeed", "ok")
    huggingface = await _provider(api, "huggingface")
    assert (huggingface["health"], huggingface["circuit"]) == ("down", "open")

    routed_around = await run(api, STANDARD)
    assert outcomes(routed_around) == [("huggingface", "skipped"), ("wavespeed", "ok")]
    assert routed_around["attempts"][0]["code"] == "circuit_open"
    assert len(await emulator.calls("huggingface")) == 3  # not asked while open

    await _circuits_may_try(api)
    healed = await run(api, STANDARD)
    assert outcomes(healed) == [("huggingface", "ok")]
    assert (await _provider(api, "huggingface"))["health"] == "healthy"


async def test_a_failed_wavespeed_job_fails_a_pinned_request_with_the_providers_reason(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    reason = "NSFW content detected in the output"
    await emulator.behave("wavespeed", {"kind": "async_fail", "message": reason})
    job = await run(api, STANDARD | {"provider": "wavespeed"})
    assert job["status"] == "failed"
    assert job["error"]["code"] == "provider_error"
    assert reason in job["error"]["message"]
    assert job["error"]["retriable"] is True
    assert outcomes(job) == [("wavespeed", "error")]
    assert job["attempts"][0]["code"] == "prediction_failed"


async def test_a_failed_async_job_falls_back_under_auto(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave("wavespeed", {"kind": "async_fail", "message": "worker crashed"})
    job = await run(api, STANDARD | {"quality": "premium"})
    assert job["status"] == "completed", job
    assert outcomes(job) == [("wavespeed", "error"), ("google", "ok")]
    assert (job["model"], job["cost"]["credits"]) == ("gemini-2.5-flash-image", 4)


async def test_timeouts_and_malformed_answers_move_on(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave("huggingface", {"kind": "timeout"})
    await emulator.behave("wavespeed", {"kind": "malformed"})
    job = await run(api, STANDARD)
    assert job["status"] == "completed", job
    assert outcomes(job) == [("huggingface", "timeout"), ("huggingface", "ok")]
    await emulator.behave("huggingface", {"kind": "status", "status": 502, "times": -1})
    job = await run(api, STANDARD)
    assert outcomes(job)[3:] == [("wavespeed", "error"), ("google", "ok")]
    assert job["attempts"][3]["code"] == "malformed_response"


async def test_a_refused_request_is_not_sent_elsewhere(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave(
        "huggingface", {"kind": "status", "status": 422, "message": "public figure"}
    )
    job = await run(api, STANDARD)
    assert job["status"] == "failed"
    assert job["error"]["code"] == "provider_refused"
    assert job["error"]["retriable"] is False
    assert outcomes(job) == [("huggingface", "refused")]


async def test_same_seeded_request_twice_is_served_from_cache_without_call_or_charge(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    seeded = STANDARD | {"seed": 7, "variations": 2}
    first = await run(api, seeded)
    assert first["status"] == "completed"
    calls, before = await _image_calls(emulator), await settled_balance(api)
    second = await run(api, seeded)
    assert second["status"] == "completed"
    assert second["cached_from"] == first["id"]
    assert second["cost"]["credits"] == 0
    assert await _image_calls(emulator) == calls
    assert await settled_balance(api) == before
    for new, old in zip(second["asset_ids"], first["asset_ids"], strict=True):
        reused = (await api.get(f"/v1/assets/{new}")).json()
        assert reused["reused_from"] == old
        assert await _content(api, new) == await _content(api, old)
    fresh = await run(api, seeded | {"use_cache": False})
    assert fresh["cached_from"] is None
    assert fresh["cost"]["credits"] == 2
    assert await _image_calls(emulator) == calls + 2


async def test_a_named_provider_is_honoured_or_fails_clearly(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    job = await run(api, STANDARD | {"provider": "stability", "style": "cinematic"})
    assert (job["provider"], job["model"]) == ("stability", "core")
    await emulator.behave("stability", {"kind": "status", "status": 500, "times": -1})
    failed = await run(api, STANDARD | {"provider": "stability"})
    assert failed["status"] == "failed"
    assert outcomes(failed) == [("stability", "error")] * 3
    assert "stability: 500 internal_error" in failed["error"]["message"]
    bad = await api.post(
        "/v1/jobs", json={"kind": "generate", "params": STANDARD | {"provider": "openai"}}
    )
    assert bad.status_code == 422
    assert "unknown provider 'openai'" in bad.text


async def test_providers_show_models_prices_and_health(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    providers = {p["name"]: p for p in (await api.get("/v1/providers")).json()["items"]}
    assert set(providers) == {"local-draft", "stability", "wavespeed", "huggingface", "google"}
    assert all(p["configured"] and p["health"] == "healthy" for p in providers.values())
    models = {m["model"]: m for p in providers.values() for m in p["models"]}
    assert models["ultra"]["credits_per_image"] == 8
    assert models["qwen-image"]["usd_per_image"] == "0.02"
    assert models["sd3.5-large"]["routable"] is False


async def test_estimates_cover_every_provider_and_model(api: httpx.AsyncClient) -> None:
    providers = (await api.get("/v1/providers")).json()["items"]
    for provider in providers:
        for model in provider["models"]:
            body = {"kind": "generate", "params": {"prompt": "x", "model": model["model"]}}
            answer = await api.post("/v1/estimate", json=body)
            assert answer.status_code == 200, answer.text
            estimate = answer.json()["items"][0]
            assert (estimate["provider"], estimate["model"]) == (provider["name"], model["model"])
            assert estimate["credits"] == model["credits_per_image"]


async def test_provider_attempts_are_in_metrics(
    stack: RunningStack, api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave("google", {"kind": "status", "status": 500})
    await run(api, STANDARD | {"provider": "google"})
    async with httpx.AsyncClient() as http:
        metrics = (await http.get(f"http://127.0.0.1:{stack.local.ports.generation}/metrics")).text
    assert (
        'studio_provider_attempts_total{model="imagen-4-fast",outcome="error",provider="google"}'
        in metrics
    )
    assert 'studio_provider_circuit_state{provider="google"}' in metrics


async def _provider(api: httpx.AsyncClient, name: str) -> dict[str, Any]:
    providers = (await api.get("/v1/providers")).json()["items"]
    return next(p for p in providers if p["name"] == name)


async def _image_calls(emulator: EmulatorControl) -> int:
    """Calls made to image providers (not the library's vision calls, made for every asset)."""
    return sum(call["provider"] != "huggingface_vision" for call in await emulator.calls())


async def _content(api: httpx.AsyncClient, asset_id: str) -> str:
    redirect = await api.get(f"/v1/assets/{asset_id}/content")
    return hashlib.sha256(await download(redirect.headers["location"])).hexdigest()


async def test_an_estimate_knows_an_open_circuit_and_offers_what_can_run(
    api: httpx.AsyncClient, emulator: EmulatorControl
) -> None:
    await emulator.behave("huggingface", {"kind": "status", "status": 503, "times": 3})
    await run(api, STANDARD)  # opens huggingface's circuit, delivered by the next provider
    await asyncio.sleep(1.5)  # the gateway's trust in generation's last report
    pinned = {"kind": "generate", "params": STANDARD | {"provider": "huggingface"}}
    quote = (await api.post("/v1/estimate", json=pinned)).json()["items"][0]
    assert quote["allowed"] is False
    assert quote["refusal"]["code"] == "providers_unavailable"
    offered = {a["provider"] for a in quote["alternatives"]}
    assert offered
    assert "huggingface" not in offered
    auto = (await api.post("/v1/estimate", json={"kind": "generate", "params": STANDARD})).json()
    assert auto["allowed"] is True  # `auto` routes around it
