"""A generate job through the whole platform: gateway → billing → generation → library → SSE."""

import asyncio
import io
from typing import Any

import httpx
from PIL import Image

from tests.support.client import download, draft_job, events_until, finished


async def test_three_variations_complete_live_and_land_in_the_library(
    api: httpx.AsyncClient,
) -> None:
    opened = asyncio.Event()
    listener = asyncio.create_task(
        events_until(
            api, lambda evs: any(e["type"] == "studio.job.completed" for e in evs), opened=opened
        )
    )
    await opened.wait()
    body = draft_job(
        prompt="a red fox in snow", variations=3, width=320, height=240, output_format="webp"
    )
    submitted = await api.post("/v1/jobs", json=body)
    assert submitted.status_code == 202
    job = submitted.json()
    assert job["status"] == "accepted"
    assert job["links"]["self"] == f"/v1/jobs/{job['id']}"
    assert submitted.headers["location"] == f"/v1/jobs/{job['id']}"

    events = await listener
    types = [e["type"] for e in events if e["job_id"] == job["id"]]
    assert types[0] == "studio.job.accepted"
    assert types[-1] == "studio.job.completed"
    assert "studio.job.started" in types
    progress = [e["data"]["percent"] for e in events if e["type"] == "studio.job.progress"]
    assert progress == [33, 67], "the last variation is announced by `completed`"
    completed = events[-1]
    assert len(completed["data"]["assets"]) == 3

    listed = (await api.get("/v1/assets", params={"job_id": job["id"]})).json()
    assert len(listed["items"]) == 3
    assert {a["id"] for a in listed["items"]} == {a["id"] for a in completed["data"]["assets"]}
    for asset in listed["items"]:
        await _assert_a_320x240_webp(api, asset)

    record = (await api.get(f"/v1/jobs/{job['id']}")).json()
    assert record["status"] == "completed"
    assert sorted(record["asset_ids"]) == sorted(a["id"] for a in listed["items"])
    assert record["progress"]["percent"] == 100


async def _assert_a_320x240_webp(api: httpx.AsyncClient, asset: dict[str, Any]) -> None:
    """The asset is a 320x240 WebP, and its content is exactly its recorded bytes."""
    assert (asset["width"], asset["height"], asset["format"]) == (320, 240, "webp")
    content = await api.get(asset["links"]["content"])
    assert content.status_code == 302
    # a download link lasts a day by default (`S3_PRESIGN_TTL_S`): long enough to share
    assert httpx.URL(content.headers["location"]).params["X-Amz-Expires"] == "86400"
    image_bytes = await download(content.headers["location"])
    assert len(image_bytes) == asset["bytes"]
    image = Image.open(io.BytesIO(image_bytes))
    image.load()
    assert (image.format, image.size) == ("WEBP", (320, 240))


async def test_a_late_subscriber_gets_the_jobs_history(api: httpx.AsyncClient) -> None:
    job = (await api.post("/v1/jobs", json=draft_job())).json()
    await asyncio.sleep(0.5)
    events = await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
    types = [e["type"] for e in events]
    assert types[0] == "studio.job.accepted"
    assert types[-1] == "studio.job.completed"
    assert len(types) == len({e["id"] for e in events}), "no event twice"


async def test_same_seed_gives_the_same_image(api: httpx.AsyncClient) -> None:
    jobs = [(await api.post("/v1/jobs", json=draft_job(seed=1234))).json()["id"] for _ in range(2)]
    events = await events_until(api, finished(jobs), job_ids=jobs)
    digests = [
        e["data"]["assets"][0]["sha256"] for e in events if e["type"] == "studio.job.completed"
    ]
    assert len(digests) == 2
    assert digests[0] == digests[1]


async def test_jobs_list_newest_first_with_cursor(api: httpx.AsyncClient) -> None:
    ids = [(await api.post("/v1/jobs", json=draft_job())).json()["id"] for _ in range(3)]
    first = (await api.get("/v1/jobs", params={"limit": 2})).json()
    assert [j["id"] for j in first["items"]] == ids[::-1][:2]
    rest = (await api.get("/v1/jobs", params={"limit": 2, "cursor": first["next"]})).json()
    assert [j["id"] for j in rest["items"]] == ids[:1]
    assert rest["next"] is None


async def test_local_draft_without_a_quality_shows_every_step_and_its_assets(
    api: httpx.AsyncClient,
) -> None:
    """The README's keyless job: local-draft has one quality, which is then the default. Its
    `accepted` and `approved` come from the requested and run commands (no messages of their
    own), and `completed` only once the library lists the assets."""
    body = {"kind": "generate", "params": {"prompt": "a red fox", "provider": "local-draft"}}
    answer = await api.post("/v1/jobs", json=body)
    assert answer.status_code == 202, answer.text
    job = answer.json()
    assert job["params"]["quality"] == "draft"

    events = await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
    types = [e["type"] for e in events]
    assert types == [
        "studio.job.accepted",
        "studio.job.approved",
        "studio.job.started",
        "studio.job.completed",
    ]
    assert events[0]["id"] == f"{job['id']}:accepted"
    assert events[1]["id"] == f"{job['id']}:approved"
    assert [e["lane"] for e in events] == ["interactive"] * 4
    listed = (await api.get("/v1/assets", params={"job_id": job["id"]})).json()
    assert [a["id"] for a in listed["items"]] == [a["id"] for a in events[-1]["data"]["assets"]]
