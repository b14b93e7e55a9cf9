"""Estimates know which providers can run a job now (from the workers' own reports) and offer
what else could: a job no configured provider serves is `allowed: false` with the code it would
fail with, and cheaper or faster ways to run the same job are quoted as they would be run."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from PIL import Image

from tests.support.edit_jobs import png, upload
from tests.support.stack import RunningStack

STANDARD = {"prompt": "a ceramic mug on a wooden table", "quality": "standard"}
HEALTH_TTL_S = 1.5
"""The gateway's trust in a worker's provider report (`GATEWAY_PROVIDER_HEALTH_TTL_S`)."""


async def quote(api: httpx.AsyncClient, job: dict[str, Any]) -> dict[str, Any]:
    response = await api.post("/v1/estimate", json=job)
    assert response.status_code == 200, response.text
    item: dict[str, Any] = response.json()["items"][0]
    return item


async def test_alternatives_are_cheaper_or_faster_and_quoted_as_they_would_run(
    api: httpx.AsyncClient,
) -> None:
    asked = await quote(api, {"kind": "generate", "params": STANDARD})
    assert asked["allowed"] is True
    assert asked["refusal"] is None
    offered = asked["alternatives"]
    assert offered, asked
    assert offered == sorted(offered, key=lambda a: (a["credits"], a["expected_seconds"]))
    for alternative in offered:
        assert (alternative["provider"], alternative["model"]) != (
            asked["provider"],
            asked["model"],
        )
        assert (
            alternative["credits"] < asked["credits"]
            or alternative["expected_seconds"] < asked["expected_seconds"]
        )
        tier = {"quality": alternative["quality"]} if alternative["quality"] else {}
        assert alternative["params"] == {
            "provider": alternative["provider"],
            "model": alternative["model"],
            **tier,
        }
        assert alternative["better"], alternative
        pinned = await quote(api, {"kind": "generate", "params": STANDARD | alternative["params"]})
        assert pinned["allowed"] is True
        assert (pinned["provider"], pinned["model"]) == (
            alternative["provider"],
            alternative["model"],
        )
        assert (pinned["credits"], pinned["expected_seconds"]) == (
            alternative["credits"],
            alternative["expected_seconds"],
        )


def video_of(image_asset_id: str) -> dict[str, Any]:
    params = {"image_asset_id": image_asset_id, "provider": "wavespeed"}
    return {"kind": "transform.image_to_video", "params": params}


@pytest.fixture
async def video(api: httpx.AsyncClient) -> dict[str, Any]:
    """A WaveSpeed image-to-video job of an uploaded picture."""
    return video_of(await upload(api, png(Image.new("RGB", (320, 240), (90, 120, 200)))))


@pytest.fixture
async def transform_without_wavespeed(stack: RunningStack) -> AsyncIterator[None]:
    """The transform service restarted with no WaveSpeed API key, then restored."""
    transform = stack.services["transform"]
    transform.stop()
    await stack.start_service("transform", without=["TRANSFORM_WAVESPEED__API_KEY"])
    await asyncio.sleep(HEALTH_TTL_S)
    yield
    transform.stop()
    await stack.start_service("transform")
    await asyncio.sleep(HEALTH_TTL_S)


async def test_a_job_no_configured_provider_runs_is_refused_with_its_reason(
    api: httpx.AsyncClient, video: dict[str, Any], transform_without_wavespeed: None
) -> None:
    response = await api.post("/v1/estimate", json={"jobs": [video]})
    assert response.status_code == 200, response.text
    estimates = response.json()
    (quoted,) = estimates["items"]
    assert estimates["allowed"] is False
    assert quoted["allowed"] is False
    assert quoted["refusal"]["code"] == "no_provider_configured"
    assert "wavespeed" in quoted["refusal"]["message"]
    # WAN 2.5 is the only standard video engine: what can run is the local draft
    offered = [(a["provider"], a["quality"]) for a in quoted["alternatives"]]
    assert offered == [("local", "draft")]

    dry_run = await api.post("/v1/batches", json={"jobs": [video], "dry_run": True})
    assert dry_run.status_code == 200, dry_run.text
    (in_batch,) = dry_run.json()["estimate"]["items"]
    assert in_batch["refusal"]["code"] == "no_provider_configured"
    # submitting checks the account only: the provider's health may change before it runs
    submitted = await api.post("/v1/batches", json={"jobs": [video]})
    assert submitted.status_code == 202, submitted.text


async def test_the_same_job_is_runnable_with_the_provider_configured(
    api: httpx.AsyncClient, video: dict[str, Any]
) -> None:
    quoted = await quote(api, video)
    assert (quoted["allowed"], quoted["refusal"]) == (True, None)
