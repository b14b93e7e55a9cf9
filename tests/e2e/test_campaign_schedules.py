"""Scheduled and discounted campaigns on the real local stack: a batch held `scheduled` until its
time (through a projector restart, cancellable, refused for a bad time), off-peak windows, the
volume discount from the estimate to the ledger, `apply` for single-image kinds, and a balance
that runs short by the release."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from shared.database import mongo_client, now_ms
from studio import Studio, StudioError
from studio.models import BatchCreate, OffPeakWindow
from tests.support.batches import DRAFT, draft_jobs, settled, until_done
from tests.support.client import authed, events_until, finished, run_job
from tests.support.photos import astronaut, jpeg
from tests.support.stack import RunningStack

FAR = timedelta(days=1)
"""A time no test reaches: the tests that need the release now move it (`release_now`)."""


def at(ahead: timedelta) -> str:
    return (datetime.now(UTC) + ahead).isoformat()


async def jobs_of(api: httpx.AsyncClient, batch_id: str) -> list[dict[str, Any]]:
    page = await api.get(f"/v1/batches/{batch_id}/jobs", params={"limit": 100})
    return list(page.json()["items"])


async def release_now(stack: RunningStack, batch_id: str) -> None:
    """Arrange what waiting would: the batch's release time has come."""
    settings = stack.local.mongo_settings()
    client = mongo_client(settings, "tests")
    try:
        batches = client[settings.database]["batches"]
        await batches.update_one({"_id": batch_id}, {"$set": {"release_at_ms": now_ms()}})
    finally:
        await client.close()


async def ledger(api: httpx.AsyncClient) -> list[dict[str, Any]]:
    """Every ledger entry of the tenant, page by page."""
    entries: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"limit": 100} | ({"cursor": cursor} if cursor else {})
        page = (await api.get("/v1/billing/ledger", params=params)).json()
        entries += page["items"]
        cursor = page["next"]
        if cursor is None:
            return entries


def problem(answer: httpx.Response) -> tuple[int, str, list[str]]:
    error = answer.json()["error"]
    return answer.status_code, error["code"], [d["loc"] for d in error.get("details", [])]


async def test_a_scheduled_batch_waits_uncharged_then_runs(stack: RunningStack) -> None:
    key = await stack.tenant(plan="pro", credits=100)
    with Studio(stack.url, key) as studio:
        body = BatchCreate.model_validate(
            {"jobs": draft_jobs(2), "schedule_at": at(timedelta(seconds=2))}
        )
        batch = studio.batches.create(body)
        assert (batch.status, batch.counts.scheduled) == ("scheduled", 2)
        assert batch.scheduled_at is not None
        account = studio.account()
        assert (account.balance, account.reserved) == (100, 0)
    async with authed(stack.url, key) as api:
        jobs = await jobs_of(api, batch.id)
        assert {job["status"] for job in jobs} == {"scheduled"}
        done = await until_done(api, batch.id)
        assert done["counts"]["completed"] == 2
        ran = await jobs_of(api, batch.id)
        assert min(job["updated_at"] for job in ran) >= done["scheduled_at"]
        assert (await settled(api))["balance"] == 98


async def test_a_scheduled_batch_survives_a_projector_restart_and_runs_once(
    stack: RunningStack,
) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(3), "schedule_at": at(FAR)})
        batch = answer.json()
        stack.services["projector"].stop()  # the releaser runs there
        await release_now(stack, batch["id"])
        assert {job["status"] for job in await jobs_of(api, batch["id"])} == {"scheduled"}
        await stack.start_service("projector")

        done = await until_done(api, batch["id"])
        assert done["counts"]["completed"] == 3
        ids = [job["id"] for job in await jobs_of(api, batch["id"])]
        events = await events_until(api, finished(ids), batch_id=batch["id"])
        completions = [e["job_id"] for e in events if e["type"] == "studio.job.completed"]
        assert sorted(completions) == sorted(ids), "each job completed exactly once"
        assets = (await api.get("/v1/assets", params={"batch_id": batch["id"]})).json()
        assert len(assets["items"]) == 3
        assert (await settled(api))["balance"] == 97


async def test_cancelling_a_scheduled_batch_ends_its_jobs_uncharged(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        batch = (
            await api.post("/v1/batches", json={"jobs": draft_jobs(2), "schedule_at": at(FAR)})
        ).json()
        cancelled = await api.post(f"/v1/batches/{batch['id']}/cancel")
        assert cancelled.status_code == 202, cancelled.text
        assert cancelled.json()["cancelling"] == 2
        assert cancelled.json()["batch"]["status"] == "completed"
        await release_now(stack, batch["id"])
        jobs = await jobs_of(api, batch["id"])
        assert {(job["status"], job["cost"]) for job in jobs} == {("cancelled", None)}
        ids = [job["id"] for job in jobs]

        def all_cancelled(events: list[dict[str, Any]]) -> bool:
            ended = {e["job_id"] for e in events if e["type"] == "studio.job.cancelled"}
            return ended == set(ids)

        await events_until(api, all_cancelled, job_ids=ids)  # the stream shows each one's end
        account = (await api.get("/v1/billing/account")).json()
        assert (account["balance"], account["reserved"]) == (100, 0)
        assert [entry["kind"] for entry in await ledger(api)] == ["grant"]


@pytest.mark.parametrize(
    ("timing", "field"),
    [
        ({"schedule_at": "2020-01-01T00:00:00Z"}, "schedule_at"),
        ({"schedule_at": "at(days=31)"}, "schedule_at"),
        ({"schedule_at": "2030-01-01T00:00:00"}, "schedule_at"),
        ({"schedule_at": "at(days=1)", "schedule": "off_peak"}, "body"),
        ({"schedule": "tonight"}, "schedule"),
    ],
)
async def test_a_bad_schedule_is_refused_naming_the_field(
    stack: RunningStack, timing: dict[str, str], field: str
) -> None:
    days = {"at(days=31)": at(timedelta(days=31)), "at(days=1)": at(timedelta(days=1))}
    body = {"jobs": draft_jobs(1)} | {k: days.get(v, v) for k, v in timing.items()}
    async with authed(stack.url, await stack.tenant(plan="pro", credits=10)) as api:
        answer = await api.post("/v1/batches", json=body)
        status, code, locs = problem(answer)
        assert status == 422, answer.text
        assert code in ("invalid_request", "invalid_schedule")
        assert any(loc.startswith(field) for loc in locs), answer.text
        assert (await api.get("/v1/batches")).json()["items"] == []


async def test_off_peak_batches_wait_for_the_tenants_window(stack: RunningStack) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    opens, closes = now + timedelta(hours=2), now + timedelta(hours=3)
    key = await stack.tenant(plan="pro", credits=10)
    with Studio(stack.url, key) as studio:
        assert studio.batches.off_peak_window().start == "22:00"
        window = OffPeakWindow(start=f"{opens:%H:%M}", end=f"{closes:%H:%M}", timezone="UTC")
        assert studio.batches.set_off_peak_window(window) == window
        assert studio.batches.off_peak_window().model_dump() == window.model_dump()
        batch = studio.batches.create({"jobs": draft_jobs(1), "schedule": "off_peak"})
        assert batch.status == "scheduled"
        assert batch.scheduled_at == opens
        with pytest.raises(StudioError) as refused:
            studio.batches.set_off_peak_window({"start": "25:00", "end": "06:00"})
        assert (refused.value.status, refused.value.code) == (422, "invalid_request")
    async with authed(stack.url, key) as api:
        for bad in (
            {"start": "22:00", "end": "22:00"},
            {"start": "22:00", "end": "06:00", "timezone": "Mars/Base"},
        ):
            answer = await api.put("/v1/off-peak-window", json=bad)
            assert answer.status_code == 422, answer.text
        assert (await api.get("/v1/off-peak-window")).json() == window.model_dump()


async def test_fifty_jobs_on_pro_are_discounted_from_the_estimate_to_the_ledger(
    stack: RunningStack,
) -> None:
    standard = [{"kind": "generate", "params": {"prompt": f"shoe {i}"}} for i in range(50)]
    async with authed(stack.url, await stack.tenant(plan="pro", credits=1000)) as api:
        check = (await api.post("/v1/batches", json={"jobs": standard, "dry_run": True})).json()
        estimate = check["estimate"]
        assert (estimate["credits"], estimate["discount_credits"]) == (135, 15)
        names = {item["discount"]["name"] for item in estimate["items"]}
        assert names == {"volume 50+ jobs: 10% off"}
        assert sum(item["credits"] for item in estimate["items"]) == 135

        batch = (await api.post("/v1/batches", json={"jobs": draft_jobs(50)})).json()
        assert batch["estimate_credits"] == 45
        done = await until_done(api, batch["id"])
        assert (done["counts"]["completed"], done["cost"]["credits"]) == (50, 45)
        jobs = await jobs_of(api, batch["id"])
        assert sum(job["cost"]["credits"] for job in jobs) == 45
        assert max(job["cost"]["credits"] for job in jobs) == 1
        ids = [job["id"] for job in jobs]
        shown = await events_until(api, finished(ids), batch_id=batch["id"])
        completed = [e for e in shown if e["type"] == "studio.job.completed"]
        assert sum(e["data"]["cost"]["credits"] for e in completed) == 45  # as charged
        assert (await settled(api))["balance"] == 1000 - 45
        captures = [e for e in await ledger(api) if e["kind"] == "capture"]
        assert len(captures) == 50
        assert {e["memo"] for e in captures} == {"volume 50+ jobs: 10% off"}


async def test_apply_turns_each_asset_into_a_video(stack: RunningStack) -> None:
    image = jpeg(astronaut().resize((160, 160)))
    async with authed(stack.url, await stack.tenant(plan="pro", credits=1000)) as api:
        ids = []
        for n in range(2):
            uploaded = await api.post("/v1/uploads", files={"file": (f"p{n}.jpg", image)})
            ids.append(uploaded.json()["id"])
        video = {"quality": "draft", "duration_s": 3, "resolution": "480p"}
        apply = {"kind": "transform.image_to_video", "params": video, "asset_ids": ids}
        batch = (await api.post("/v1/batches", json={"apply": apply})).json()
        assert batch["jobs"] == 2, batch
        done = await until_done(api, batch["id"])
        assert done["counts"]["completed"] == 2
        jobs = await jobs_of(api, batch["id"])
        assert sorted(job["params"]["image_asset_id"] for job in jobs) == sorted(ids)
        for job in jobs:
            made = [(await api.get(f"/v1/assets/{a}")).json() for a in job["asset_ids"]]
            assert "video/mp4" in {asset["content_type"] for asset in made}

        three_d = {"kind": "transform.image_to_3d", "params": {}, "asset_ids": ids}
        check = (await api.post("/v1/batches", json={"apply": three_d, "dry_run": True})).json()
        assert check["valid"], check
        assert check["estimate"]["items"][0]["credits"] > 0
        wrong = {"kind": "transform.avatar", "params": {"image_asset_id": ids[0]}, "asset_ids": ids}
        status, _, locs = problem(await api.post("/v1/batches", json={"apply": wrong}))
        assert (status, locs) == (422, ["apply"])


async def test_a_balance_short_at_release_rejects_the_jobs_it_cannot_cover(
    stack: RunningStack,
) -> None:
    async with authed(stack.url, await stack.tenant(plan="pro", credits=3)) as api:
        batch = (
            await api.post("/v1/batches", json={"jobs": draft_jobs(3), "schedule_at": at(FAR)})
        ).json()
        single = await run_job(api, {"kind": "generate", "params": {"prompt": "a cup", **DRAFT}})
        assert single["status"] == "completed"
        await release_now(stack, batch["id"])
        done = await until_done(api, batch["id"])
        assert (done["counts"]["completed"], done["counts"]["rejected"]) == (2, 1)
        rejected = [j for j in await jobs_of(api, batch["id"]) if j["status"] == "rejected"]
        assert rejected[0]["error"]["code"] == "insufficient_credits"
        assert (await settled(api))["balance"] == 0
