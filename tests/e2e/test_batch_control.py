"""Controlling batches on the real local stack: cancel releases exactly the credits of jobs not
started, retry resubmits the failed jobs in their place, a single job cancels until it starts."""

import httpx

from tests.support.batches import DRAFT, draft_jobs, settled, until_done
from tests.support.client import authed, events_until
from tests.support.photos import jpeg, photo
from tests.support.stack import RunningStack


async def test_cancel_releases_exactly_the_credits_of_jobs_not_started(
    stack: RunningStack,
) -> None:
    """Optimizer jobs are CPU work taken a few at a time: cancelling right after submitting
    leaves the ones taken to finish and cancels the rest."""
    async with authed(stack.url, await stack.tenant(plan="pro", credits=100)) as api:
        source = await _upload_photo(api)
        presets = ["ig.feed.square", "ig.story", "fb.feed"]
        body = {"kind": "optimize.social", "params": {"asset_id": source, "presets": presets}}
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
