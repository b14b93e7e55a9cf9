"""Batches on the real local stack: a campaign submitted as JSON or as a file, validated and priced
as a whole, run in its lane, followed, and downloaded as one zip."""

import asyncio
import csv
import io
import json
import time
import zipfile
from typing import Any

import httpx
import pytest

from tests.support.client import authed, draft_job, events_until, run_job
from tests.support.photos import jpeg, photo
from tests.support.stack import RunningStack

DRAFT = {"quality": "draft", "width": 64, "height": 64}
SINGLE_JOB_BOUND_S = 10.0
"""A single job beside a running campaign completes within this (measured: see the README)."""


def draft_jobs(count: int) -> list[dict[str, Any]]:
    return [
        {"kind": "generate", "params": {"prompt": f"product shot {i}", **DRAFT}}
        for i in range(count)
    ]


async def until_done(
    api: httpx.AsyncClient, batch_id: str, timeout_s: float = 120
) -> dict[str, Any]:
    async def poll() -> dict[str, Any]:
        while True:
            batch = (await api.get(f"/v1/batches/{batch_id}")).json()
            if batch["status"] == "completed":
                return dict(batch)
            await asyncio.sleep(0.5)

    return await asyncio.wait_for(poll(), timeout_s)


async def settled(api: httpx.AsyncClient, timeout_s: float = 60) -> dict[str, Any]:
    """The account once billing has settled every hold (it settles after the job events)."""

    async def poll() -> dict[str, Any]:
        while True:
            account = dict((await api.get("/v1/billing/account")).json())
            if account["reserved"] == 0:
                return account
            await asyncio.sleep(0.5)

    return await asyncio.wait_for(poll(), timeout_s)


async def until_completed(api: httpx.AsyncClient, batch_id: str, at_least: int) -> None:
    async def poll() -> None:
        while True:
            batch = (await api.get(f"/v1/batches/{batch_id}")).json()
            if batch["counts"]["completed"] >= at_least:
                return
            await asyncio.sleep(0.2)

    await asyncio.wait_for(poll(), 120)


async def a_single_job_beside(
    stack: RunningStack, api: httpx.AsyncClient, batch_id: str
) -> tuple[float, int]:
    """Run one interactive job of another tenant: seconds from its submission to `completed`,
    and how many of the campaign's jobs were still not completed then."""
    async with authed(stack.url, await stack.tenant(plan="pro", credits=10)) as other:
        began = time.monotonic()
        job = await run_job(other, draft_job())
        took_s = time.monotonic() - began
    assert job["status"] == "completed"
    counts = (await api.get(f"/v1/batches/{batch_id}")).json()["counts"]
    return took_s, sum(counts.values()) - counts["completed"]


def upload(name: str, text: str, **form: str) -> dict[str, Any]:
    return {"files": {"file": (name, text.encode(), "text/plain")}, "data": form}


async def test_a_json_batch_runs_in_the_bulk_lane_and_adds_up(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=1000)) as api:
        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(12), "name": "spring"})
        assert answer.status_code == 202, answer.text
        batch = answer.json()
        assert (batch["jobs"], batch["lane"], batch["name"]) == (12, "bulk", "spring")
        assert batch["estimate_credits"] == 12
        assert answer.headers["location"] == f"/v1/batches/{batch['id']}"

        early = await api.get(f"/v1/batches/{batch['id']}/archive")  # while the batch runs
        manifest = json.loads(zipfile.ZipFile(io.BytesIO(early.content)).read("manifest.json"))
        with_files = {row["file"].split("/")[0] for row in manifest["files"]}
        assert len(manifest["pending"]) + len(with_files) == 12, "every job is in or pending"
        assert not with_files & {job["job_id"] for job in manifest["pending"]}

        done = await until_done(api, batch["id"])
        assert done["counts"]["completed"] == 12
        assert done["cost"]["credits"] == 12
        assert done["eta_s"] == 0

        jobs = (await api.get(f"/v1/batches/{batch['id']}/jobs", params={"limit": 100})).json()
        assert len(jobs["items"]) == 12
        assert {(j["batch_id"], j["lane"], j["status"]) for j in jobs["items"]} == {
            (batch["id"], "bulk", "completed")
        }
        account = await settled(api)
        assert account["balance"] == 1000 - 12

        archive = await api.get(f"/v1/batches/{batch['id']}/archive")
        assert archive.status_code == 200
        zipped = zipfile.ZipFile(io.BytesIO(archive.content))
        manifest = json.loads(zipped.read("manifest.json"))
        rows = list(csv.DictReader(io.StringIO(zipped.read("manifest.csv").decode())))
        assert len(manifest["files"]) == len(rows) == 12
        assert manifest["pending"] == []
        assert {row["job_id"] for row in rows} == {job["id"] for job in jobs["items"]}
        assert all(zipped.read(row["file"]) for row in rows)
        assert manifest["failures"] == []


async def test_batch_events_stream_on_sse(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        batch = (await api.post("/v1/batches", json={"jobs": draft_jobs(3)})).json()

        def all_completed(events: list[dict[str, Any]]) -> bool:
            done = [e for e in events if e["type"] == "studio.job.completed"]
            return len(done) == 3

        events = await events_until(api, all_completed, batch_id=batch["id"])
        assert {e["batch_id"] for e in events} == {batch["id"]}


async def test_a_csv_dry_run_reports_exactly_the_bad_rows_and_creates_nothing(
    stack: RunningStack,
) -> None:
    rows = [
        "product,variations",
        "red shoes,1",
        ",1",  # empty product: the prompt becomes blank
        "green hat,2",
        "blue bag,11",  # over 10 variations
        "white scarf,1",
        "black belt,zero",  # not a number
    ]
    template = {
        "kind": "generate",
        "params": {"prompt": "{product}", "variations": "{variations}", **DRAFT},
    }
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        answer = await api.post(
            "/v1/batches",
            **upload(
                "campaign.csv", "\n".join(rows), template=json.dumps(template), dry_run="true"
            ),
        )
        assert answer.status_code == 200, answer.text
        check = answer.json()
        assert check["jobs"] == 6
        assert not check["valid"]
        assert sorted({e["row"] for e in check["errors"]}) == [2, 4, 6]
        assert check["estimate"]["credits"] == 1 + 2 + 1
        assert (await api.get("/v1/batches")).json()["items"] == []
        assert (await api.get("/v1/jobs")).json()["items"] == []

        refused = await api.post(
            "/v1/batches", **upload("campaign.csv", "\n".join(rows), template=json.dumps(template))
        )
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "invalid_batch"
        assert (await api.get("/v1/jobs")).json()["items"] == []


async def test_a_jsonl_file_with_a_template_fills_each_row(stack: RunningStack) -> None:
    lines = "\n".join(
        json.dumps({"product": p, "mood": m}) for p, m in [("tea", "calm"), ("coffee", "bold")]
    )
    template = {"kind": "generate", "params": {"prompt": "{product}, {mood} mood", **DRAFT}}
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        answer = await api.post(
            "/v1/batches", **upload("rows.jsonl", lines, template=json.dumps(template))
        )
        assert answer.status_code == 202, answer.text
        jobs = (await api.get(f"/v1/batches/{answer.json()['id']}/jobs")).json()["items"]
        assert sorted(j["params"]["prompt"] for j in jobs) == [
            "coffee, bold mood",
            "tea, calm mood",
        ]


@pytest.mark.parametrize(
    ("plan", "credits", "code"),
    [("free", 100, "feature_not_in_plan"), ("pro", 5, "insufficient_credits")],
)
async def test_a_batch_the_account_cannot_run_is_refused_whole(
    stack: RunningStack, plan: str, credits: int, code: str
) -> None:
    async with authed(stack.url, await stack.tenant(plan=plan, credits=credits)) as api:
        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(8)})
        assert answer.status_code == 402, answer.text
        assert answer.json()["error"]["code"] == code
        assert (await api.get("/v1/jobs")).json()["items"] == []


async def test_enterprise_batches_run_in_the_interactive_share(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="enterprise")) as api:
        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(2)})
        assert answer.json()["lane"] == "interactive"
        await until_done(api, answer.json()["id"])


async def test_the_same_idempotency_key_answers_with_the_first_batch(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        headers = {"Idempotency-Key": "campaign-1"}
        first = await api.post("/v1/batches", json={"jobs": draft_jobs(2)}, headers=headers)
        again = await api.post("/v1/batches", json={"jobs": draft_jobs(2)}, headers=headers)
        assert again.json()["id"] == first.json()["id"]
        assert again.headers["idempotent-replayed"] == "true"
        other = await api.post("/v1/batches", json={"jobs": draft_jobs(3)}, headers=headers)
        assert other.status_code == 409


async def test_cancel_releases_exactly_the_credits_of_jobs_not_started(
    stack: RunningStack,
) -> None:
    """Optimizer jobs are CPU work taken a few at a time: cancelling right after submitting
    leaves the ones taken to finish and cancels the rest."""
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        source = await _upload_photo(api)
        body = {"kind": "optimize.social", "params": {"asset_id": source, "presets": ["all"]}}
        batch = (await api.post("/v1/batches", json={"jobs": [body] * 12})).json()
        cancelled = await api.post(f"/v1/batches/{batch['id']}/cancel")
        assert cancelled.status_code == 202
        assert cancelled.json()["cancelling"] >= 1

        done = await until_done(api, batch["id"], timeout_s=180)
        counts = done["counts"]
        assert counts["completed"] + counts["cancelled"] == 12
        assert counts["cancelled"] >= 1
        account = await settled(api)
        assert account["balance"] == 100 - counts["completed"]
        assert done["cost"]["credits"] == counts["completed"]
        jobs = (await api.get(f"/v1/batches/{batch['id']}/jobs", params={"limit": 100})).json()
        for job in jobs["items"]:
            assets = (await api.get("/v1/assets", params={"job_id": job["id"]})).json()["items"]
            assert bool(assets) == (job["status"] == "completed")


async def test_retry_failed_resubmits_the_failed_jobs_in_their_place(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        source = await _upload_photo(api)
        impossible = {"asset_id": source, "presets": ["yt.banner"], "max_bytes": 1024}
        jobs = [
            {"kind": "optimize.social", "params": impossible},
            {"kind": "generate", "params": {"prompt": "a kite", **DRAFT}},
        ]
        batch = (await api.post("/v1/batches", json={"jobs": jobs})).json()
        done = await until_done(api, batch["id"])
        assert (done["counts"]["failed"], done["counts"]["completed"]) == (1, 1)

        retried = await api.post(f"/v1/batches/{batch['id']}/retry-failed")
        assert retried.status_code == 202
        assert retried.json()["retried"] == 1
        again = await until_done(api, batch["id"])
        assert again["jobs"] == 2
        assert sum(again["counts"].values()) == 2
        listed = (await api.get(f"/v1/batches/{batch['id']}/jobs")).json()["items"]
        new = next(j for j in listed if j["retry_of"])
        old = next(j for j in listed if j["id"] == new["retry_of"])
        assert old["retried_by"] == new["id"]
        assert new["status"] == "failed"
        assert new["error"]["code"] == "byte_limit_unreachable"


async def test_a_single_job_can_be_cancelled_until_it_starts(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        job = (await api.post("/v1/jobs", json=draft_jobs(1)[0])).json()
        events = await events_until(
            api,
            lambda evs: any(e["type"] in FINAL for e in evs),
            job_ids=[job["id"]],
        )
        assert events[-1]["type"] == "studio.job.completed"
        late = await api.post(f"/v1/jobs/{job['id']}/cancel")
        assert late.status_code == 409
        assert late.json()["error"]["code"] == "job_started"


FINAL = {"studio.job.completed", "studio.job.failed", "studio.job.cancelled", "studio.job.rejected"}


async def _upload_photo(api: httpx.AsyncClient) -> str:
    data = jpeg(photo((4000, 3000)), quality=90)
    response = await api.post("/v1/uploads", files={"file": ("p.jpg", data, "image/jpeg")})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_a_thousand_job_campaign_completes_and_adds_up(stack: RunningStack) -> None:
    key = await stack.tenant(plan="pro", credits=0)
    async with authed(stack.url, key) as api:
        tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
        admin = {"Authorization": f"Bearer {stack.admin_key}"}
        for n in range(2):  # 2 x 500 images (and 9,900 credits each) beside the plan's 150
            granted = await api.post(
                f"/v1/admin/tenants/{tenant_id}/packs",
                json={"pack": "images-500"},
                headers=admin | {"Idempotency-Key": f"pack-{n}"},
            )
            assert granted.status_code == 200, granted.text
        before = (await api.get("/v1/billing/account")).json()["balance"]

        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(1000)})
        assert answer.status_code == 202, answer.text
        batch = answer.json()
        assert (batch["jobs"], batch["lane"], batch["estimate_credits"]) == (1000, "bulk", 1000)

        await until_completed(api, batch["id"], at_least=100)  # the campaign is under way
        took_s, behind = await a_single_job_beside(stack, api, batch["id"])
        print(f"single job beside the campaign: {took_s:.2f} s, {behind} campaign jobs behind")
        assert behind >= 200, "the single job overtook the campaign's queue"
        assert took_s < SINGLE_JOB_BOUND_S

        done = await until_done(api, batch["id"], timeout_s=600)
        assert done["counts"]["completed"] == 1000
        assert sum(done["counts"].values()) == 1000
        assert done["cost"]["credits"] == 1000
        account = await settled(api)
        assert (account["balance"], account["reserved"]) == (before - 1000, 0)

        # the library may record the last assets a moment after their jobs show completed:
        # the archive names those jobs `pending` until it has their files
        for _ in range(30):
            archive = await api.get(f"/v1/batches/{batch['id']}/archive", timeout=300)
            zipped = zipfile.ZipFile(io.BytesIO(archive.content))
            manifest = json.loads(zipped.read("manifest.json"))
            if not manifest["pending"]:
                break
            await asyncio.sleep(2)
        rows = list(csv.DictReader(io.StringIO(zipped.read("manifest.csv").decode())))
        assert (len(rows), manifest["pending"], manifest["failures"]) == (1000, [], [])
        assert len({row["job_id"] for row in rows}) == 1000
        assert len(zipped.namelist()) == 1000 + 2
