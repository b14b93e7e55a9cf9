"""Edit, upscale and control jobs on the real local stack: the local CPU engine, input checks at
submission, version chains (also under redelivery), batch edits and plan gates (the emulated
providers: `test_editing_providers`)."""

import asyncio
import io
import uuid
from typing import Any

import httpx
import numpy as np
from aiokafka import AIOKafkaConsumer
from PIL import Image, ImageDraw

from contracts import topics
from contracts.events import RunJobEvent
from shared.bus import EventBus
from tests.support.bus import read_to_end
from tests.support.client import authed, download, run_job
from tests.support.edit_jobs import edit, png, result_of, subject_on_plain, upload
from tests.support.photos import astronaut, jpeg
from tests.support.stack import RunningStack


async def test_local_upscale_needs_no_provider(api: httpx.AsyncClient) -> None:
    source = await upload(api, jpeg(astronaut().resize((128, 96))), "small.jpg")
    job = await run_job(api, edit("upscale.fast", source, quality="draft"))
    asset, data = await result_of(api, job)
    assert (job["provider"], job["model"]) == ("local", "lanczos-sharpen")
    assert job["cost"]["credits"] == 1
    assert (asset["width"], asset["height"]) == (512, 384)
    assert Image.open(io.BytesIO(data)).size == (512, 384)
    assert (asset["parent_id"], asset["root_id"], asset["kind"]) == (source, source, "upscale.fast")


async def test_local_background_removal_is_a_transparent_png(api: httpx.AsyncClient) -> None:
    source = await upload(api, png(subject_on_plain()))
    job = await run_job(api, edit("edit.remove_background", source, quality="draft"))
    asset, data = await result_of(api, job)
    alpha = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))[..., 3]
    assert asset["format"] == "png"
    assert alpha[5, 5] < 10, "the background is transparent"
    assert alpha[-5, -5] < 10, "the background is transparent"
    assert alpha[95, 135] > 245, "the subject is opaque"


async def test_local_erase_and_a_too_large_region_is_refused_with_its_reason(
    api: httpx.AsyncClient,
) -> None:
    image = subject_on_plain()
    source = await upload(api, png(image))
    small, large = Image.new("L", image.size), Image.new("L", image.size, 255)
    ImageDraw.Draw(small).ellipse((120, 80, 140, 100), fill=255)
    erased = await run_job(
        api, edit("edit.erase", source, mask_id=await upload(api, png(small)), quality="draft")
    )
    assert (erased["status"], erased["model"]) == ("completed", "opencv-inpaint")
    refused = await run_job(
        api, edit("edit.erase", source, mask_id=await upload(api, png(large)), quality="draft")
    )
    assert refused["status"] == "failed"
    assert refused["error"]["code"] == "provider_refused"
    assert "region_too_large_for_local" in refused["attempts"][0]["code"]


async def test_inputs_are_checked_before_anything_runs(api: httpx.AsyncClient) -> None:
    source = await upload(api, png(subject_on_plain()))
    other_size = await upload(api, png(Image.new("L", (100, 100))))
    not_png = await upload(api, jpeg(Image.new("RGB", (256, 192))), "mask.jpg")
    big = await upload(api, png(Image.new("RGB", (1600, 1200))))
    refusals = [
        (edit("edit.erase", source, mask_id=other_size), "params.mask_id", "it must be"),
        (edit("edit.erase", source, mask_id=not_png), "params.mask_id", "PNG"),
        (edit("edit.outpaint", source), "params", "at least one"),
        (edit("edit.outpaint", source, left=2001), "params.left", "2000"),
        (edit("upscale.fast", big), "params.asset_id", "1536"),
        (edit("upscale.creative", big, prompt="x"), "params.asset_id", "pixels"),
        (edit("edit.instruct", source, instruction="x", provider="local"), "params", "local"),
        (edit("edit.erase", source), "params.mask_id", "Field required"),
        (
            edit("edit.erase", source, mask_id="ast_00000000000000000000000000"),
            "params.mask_id",
            "",
        ),
    ]
    for body, loc, text in refusals:
        answer = await api.post("/v1/jobs", json=body)
        assert answer.status_code == 422, (body, answer.text)
        error = answer.json()["error"]
        assert any(d["loc"].startswith(loc) and text in d["message"] for d in error["details"]), (
            body,
            error,
        )
    jobs = (await api.get("/v1/jobs")).json()["items"]
    assert not [j for j in jobs if j["kind"] != "upload"], "nothing refused became a job"


async def test_versions_form_a_chain_and_the_original_is_untouched(
    api: httpx.AsyncClient, stack: RunningStack
) -> None:
    original = png(subject_on_plain())
    root = await upload(api, original)
    first = await run_job(api, edit("upscale.fast", root, quality="draft"))
    (upscaled,) = first["asset_ids"]
    second = await run_job(api, edit("edit.remove_background", upscaled, quality="draft"))
    (cut_out,) = second["asset_ids"]

    for asked in (root, upscaled, cut_out):
        chain = (await api.get(f"/v1/assets/{asked}/versions")).json()
        assert chain["root_id"] == root
        assert [(a["id"], a["parent_id"]) for a in chain["items"]] == [
            (root, None),
            (upscaled, root),
            (cut_out, upscaled),
        ]
    content = await api.get(f"/v1/assets/{root}/content")
    assert await download(content.headers["location"]) == original

    await redeliver(stack, first["id"])
    chain = (await api.get(f"/v1/assets/{root}/versions")).json()
    assert len(chain["items"]) == 3, "a redelivered edit adds no second version"
    assert len((await api.get("/v1/assets", params={"job_id": first["id"]})).json()["items"]) == 1


async def redeliver(stack: RunningStack, job_id: str) -> None:
    """Publish the job's `run` command again, twice, and wait for the re-announced ending."""
    settings = stack.local.kafka_settings()
    work = topics.work_topic("editing", "interactive")
    run = await _records(stack, work, job_id)
    command = RunJobEvent.model_validate_json(run[0].value)
    bus = EventBus(settings, client_id="tests")
    await bus.start()
    try:
        for _ in range(2):
            await bus.publish(work, command)
    finally:
        await bus.stop()
    events = topics.event_topic("interactive")
    for _ in range(100):
        endings = [
            r for r in await _records(stack, events, job_id) if b"studio.job.completed" in r.value
        ]
        if len(endings) >= 3:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the redelivered job did not announce its ending again")


async def _records(stack: RunningStack, topic: str, job_id: str) -> list[Any]:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=stack.local.kafka_settings().bootstrap_servers,
        group_id=f"tests-{uuid.uuid4().hex[:8]}",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        records = await read_to_end(consumer)
    finally:
        await consumer.stop()
    return [r for r in records if r.key == job_id.encode()]


async def test_one_edit_applied_to_many_assets_is_a_batch_of_jobs(api: httpx.AsyncClient) -> None:
    sources = [await upload(api, png(subject_on_plain((64 + 16 * i, 64)))) for i in range(3)]
    body = {"apply": {"kind": "upscale.fast", "params": {"quality": "draft"}, "asset_ids": sources}}
    answer = await api.post("/v1/batches", json=body)
    assert answer.status_code == 202, answer.text
    batch = answer.json()
    assert batch["jobs"] == 3
    jobs: list[dict[str, Any]] = []
    for _ in range(300):
        jobs = (await api.get(f"/v1/batches/{batch['id']}/jobs")).json()["items"]
        if len(jobs) == 3 and all(j["status"] == "completed" for j in jobs):
            break
        await asyncio.sleep(0.2)
    parents = set()
    for job in jobs:
        asset = (await api.get(f"/v1/assets/{job['asset_ids'][0]}")).json()
        source = (await api.get(f"/v1/assets/{asset['parent_id']}")).json()
        assert (asset["width"], asset["height"]) == (source["width"] * 4, source["height"] * 4)
        parents.add(asset["parent_id"])
    assert parents == set(sources)

    bad = {
        "apply": {"kind": "upscale.fast", "params": {"asset_id": sources[0]}, "asset_ids": sources}
    }
    assert (await api.post("/v1/batches", json=bad)).status_code == 422


async def test_plans_gate_editing_at_once(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant("basic", 1000)) as basic:
        source = await upload(basic, png(subject_on_plain()))
        allowed = await basic.post("/v1/jobs", json=edit("upscale.fast", source, quality="draft"))
        assert allowed.status_code == 202, allowed.text
        control = await basic.post(
            "/v1/jobs", json=edit("control.sketch", source, prompt="a painting")
        )
        assert control.status_code == 402
        assert control.json()["error"]["code"] == "feature_not_in_plan"
    async with authed(stack.url, await stack.tenant("free", 1000)) as free:
        source = await upload(free, png(subject_on_plain()))
        refused = await free.post("/v1/jobs", json=edit("upscale.fast", source, quality="draft"))
        assert refused.status_code == 402
