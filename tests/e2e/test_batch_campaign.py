"""A thousand-job campaign on the real local stack: it completes and adds up (credits, archive,
manifest), and a single job beside it is not queued behind it."""

import asyncio
import csv
import io
import json
import time
import zipfile
from typing import Any

import httpx

from contracts.billing.discounts import discounted, volume_tier
from tests.support.batches import draft_jobs, settled, until_done
from tests.support.client import authed, draft_job, run_job
from tests.support.stack import RunningStack

CAMPAIGN = volume_tier("pro", 1000)
assert CAMPAIGN is not None
PRICE = sum(discounted([1] * 1000, CAMPAIGN.percent))
"""A thousand draft jobs (a credit each) on Pro, less its volume discount."""
SINGLE_JOB_BOUND_S = 10.0
"""A single job beside a running campaign completes within this (measured: see the README)."""


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


async def test_a_thousand_job_campaign_completes_and_adds_up(stack: RunningStack) -> None:
    key = await stack.tenant(plan="pro", credits=0)
    async with authed(stack.url, key) as api:
        await _grant_two_image_packs(stack, api)
        before = (await api.get("/v1/billing/account")).json()["balance"]

        answer = await api.post("/v1/batches", json={"jobs": draft_jobs(1000)})
        assert answer.status_code == 202, answer.text
        batch = answer.json()
        assert (batch["jobs"], batch["lane"], batch["estimate_credits"]) == (1000, "bulk", PRICE)

        await until_completed(api, batch["id"], at_least=100)  # the campaign is under way
        took_s, behind = await a_single_job_beside(stack, api, batch["id"])
        print(f"single job beside the campaign: {took_s:.2f} s, {behind} campaign jobs behind")
        assert behind >= 200, "the single job overtook the campaign's queue"
        assert took_s < SINGLE_JOB_BOUND_S

        done = await until_done(api, batch["id"], timeout_s=600)
        assert done["counts"]["completed"] == 1000
        assert sum(done["counts"].values()) == 1000
        assert done["cost"]["credits"] == PRICE
        account = await settled(api)
        assert (account["balance"], account["reserved"]) == (before - PRICE, 0)

        zipped, manifest = await _archive_once_complete(api, batch["id"])
        rows = list(csv.DictReader(io.StringIO(zipped.read("manifest.csv").decode())))
        assert (len(rows), manifest["pending"], manifest["failures"]) == (1000, [], [])
        assert len({row["job_id"] for row in rows}) == 1000
        assert len(zipped.namelist()) == 1000 + 2


async def _grant_two_image_packs(stack: RunningStack, api: httpx.AsyncClient) -> None:
    tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
    admin = {"Authorization": f"Bearer {stack.admin_key}"}
    for n in range(2):  # 2 x 500 images (and 9,900 credits each) beside the plan's 150
        granted = await api.post(
            f"/v1/admin/tenants/{tenant_id}/packs",
            json={"pack": "images-500"},
            headers=admin | {"Idempotency-Key": f"pack-{n}"},
        )
        assert granted.status_code == 200, granted.text


async def _archive_once_complete(
    api: httpx.AsyncClient, batch_id: str
) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    """The batch's archive and manifest. The library may record the last assets a moment after
    their jobs show completed: the archive names those jobs `pending` until it has their files."""
    for _ in range(30):
        archive = await api.get(f"/v1/batches/{batch_id}/archive", timeout=300)
        zipped = zipfile.ZipFile(io.BytesIO(archive.content))
        manifest: dict[str, Any] = json.loads(zipped.read("manifest.json"))
        if not manifest["pending"]:
            break
        await asyncio.sleep(2)
    return zipped, manifest
