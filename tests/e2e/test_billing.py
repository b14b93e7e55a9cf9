"""Money through the whole platform: nothing spends what it does not have, nothing is charged
twice, estimates are what is charged, and plans, caps and rate limits hold."""

import asyncio
from typing import Any

import httpx

from emulator.control import EmulatorControl
from tests.support.client import authed, draft_job, events_until, finished
from tests.support.stack import RunningStack


async def ledger_sum(api: httpx.AsyncClient) -> int:
    total: int = 0
    cursor: str | None = None
    while True:
        params = {"limit": "100"} | ({"cursor": cursor} if cursor else {})
        page = (await api.get("/v1/billing/ledger", params=params)).json()
        total += sum(int(entry["credits"]) for entry in page["items"])
        cursor = page["next"]
        if cursor is None:
            return total


async def account(api: httpx.AsyncClient) -> dict[str, Any]:
    response = await api.get("/v1/billing/account")
    assert response.status_code == 200
    return dict(response.json())


async def statuses_of(api: httpx.AsyncClient) -> dict[str, str]:
    """Job id → status of every job of the tenant (its job list, page by page)."""
    statuses: dict[str, str] = {}
    cursor: str | None = None
    while True:
        params = {"limit": "100"} | ({"cursor": cursor} if cursor else {})
        page = (await api.get("/v1/jobs", params=params)).json()
        statuses |= {job["id"]: job["status"] for job in page["items"]}
        cursor = page["next"]
        if cursor is None:
            return statuses


async def settled(api: httpx.AsyncClient, job_ids: list[str]) -> dict[str, str]:
    """Job id → final status, once every job has one."""

    async def poll() -> dict[str, str]:
        while True:
            listed = await statuses_of(api)
            statuses = {job_id: listed[job_id] for job_id in job_ids}
            if all(s in ("completed", "failed", "rejected") for s in statuses.values()):
                return statuses
            await asyncio.sleep(0.5)

    return await asyncio.wait_for(poll(), 240)


async def test_500_concurrent_jobs_against_credits_for_100(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant("enterprise", credits=100)) as api:
        gate = asyncio.Semaphore(50)

        async def submit() -> httpx.Response:
            async with gate:
                return await api.post("/v1/jobs", json=draft_job(width=64, height=64))

        answers = await asyncio.gather(*(submit() for _ in range(500)))
        accepted = [a.json()["id"] for a in answers if a.status_code == 202]
        refused_now = [a.json()["error"]["code"] for a in answers if a.status_code != 202]
        assert set(refused_now) <= {"insufficient_credits"}
        statuses = await settled(api, accepted)
        completed = [j for j, s in statuses.items() if s == "completed"]
        assert len(completed) == 100
        rejected = [j for j, s in statuses.items() if s == "rejected"]
        assert len(rejected) + len(refused_now) == 400
        for job_id in rejected[:20]:
            error = (await api.get(f"/v1/jobs/{job_id}")).json()["error"]
            assert error["code"] == "insufficient_credits"
        balance = await account(api)
        assert (balance["balance"], balance["reserved"]) == (0, 0)
        assert await ledger_sum(api) == balance["balance"]


async def test_a_failed_job_gives_its_credits_back(stack: RunningStack) -> None:
    emulator = EmulatorControl(stack.emulator_url)
    refusal = {"kind": "status", "status": 422, "message": "public figure"}
    await emulator.behave("google", refusal)
    async with authed(stack.url, await stack.tenant("pro", credits=50)) as api:
        body = draft_job(quality="standard", provider="google")
        job = (await api.post("/v1/jobs", json=body)).json()
        events = await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
        await emulator.reset()
        await emulator.close()
        assert [
            e["data"]["credits_reserved"] for e in events if e["type"] == "studio.job.approved"
        ] == [2]
        assert events[-1]["type"] == "studio.job.failed"
        await asyncio.sleep(1)  # billing settles from the same events, independently
        after = await account(api)
        assert (after["balance"], after["reserved"], after["committed"]) == (50, 0, 0)
        kinds = [e["kind"] for e in (await api.get("/v1/billing/ledger")).json()["items"]]
        assert kinds == ["release", "reserve", "grant"]


async def test_the_estimate_is_what_is_charged(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant("pro", credits=100)) as api:
        body = draft_job(variations=3)
        quote = (await api.post("/v1/estimate", json=body)).json()
        assert quote["allowed"] is True
        assert (quote["credits"], quote["items"][0]["images"]) == (3, 3)
        job = (await api.post("/v1/jobs", json=body)).json()
        events = await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
        assert events[-1]["data"]["cost"]["credits"] == quote["credits"]
        await asyncio.sleep(1)
        after = await account(api)
        assert after["balance"] == 100 - quote["credits"]
        assert after["images"]["used"] == 3
        usage = (await api.get("/v1/billing/usage")).json()["items"]
        assert [(u["operation"], u["provider"], u["jobs"], u["credits"]) for u in usage] == [
            ("generate", "local-draft", 1, 3)
        ]


async def test_a_list_estimate_counts_each_job_after_the_ones_before(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant("free", credits=20)) as api:
        jobs = [draft_job(variations=4)] * 3  # free: 10 images a month
        quote = (await api.post("/v1/estimate", json={"jobs": jobs})).json()
        assert [item["allowed"] for item in quote["items"]] == [True, True, False]
        assert quote["items"][2]["refusal"]["code"] == "monthly_quota_exceeded"
        assert quote["allowed"] is False
        bad = await api.post("/v1/estimate", json={"jobs": [draft_job(variations=99)]})
        assert bad.status_code == 422
        assert bad.json()["error"]["details"][0]["loc"] == "jobs.0.params.variations"


async def test_plans_refuse_at_once_with_402(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant("free", credits=1000)) as api:
        video = {
            "kind": "transform.image_to_video",
            "params": {"image_asset_id": "ast_" + "0" * 26},
        }
        refused = await api.post("/v1/jobs", json=video)
        assert refused.status_code == 402
        assert refused.json()["error"]["code"] == "resolution_not_in_plan"  # Free: 480p only
        premium = await api.post("/v1/jobs", json=draft_job(quality="premium"))
        assert premium.json()["error"]["code"] == "feature_not_in_plan"
        assert (await api.get("/v1/jobs")).json()["items"] == []
    async with authed(stack.url, await stack.tenant("pro", credits=1000)) as api:
        allowed_but_no_image = await api.post("/v1/jobs", json=video)
        assert allowed_but_no_image.status_code == 422
        assert allowed_but_no_image.json()["error"]["code"] == "invalid_params"


async def test_a_budget_cap_stops_spending_at_the_cap(stack: RunningStack) -> None:
    key = await stack.tenant("enterprise", credits=1000)
    async with authed(stack.url, key) as api:
        tenant_id = (await account(api))["tenant_id"]
        async with authed(stack.url, stack.admin_key) as admin:
            capped = await admin.put(
                f"/v1/admin/tenants/{tenant_id}/budget-cap", json={"monthly_credits": 10}
            )
            assert capped.json()["budget_cap"] == 10
        codes = []
        for _ in range(14):
            answer = await api.post("/v1/jobs", json=draft_job())
            if answer.status_code == 202:
                job_id = answer.json()["id"]
                events = await events_until(api, finished([job_id]), job_ids=[job_id])
                codes.append(
                    "ok"
                    if events[-1]["type"] == "studio.job.completed"
                    else events[-1]["data"]["code"]
                )
            else:
                codes.append(answer.json()["error"]["code"])
        assert codes == ["ok"] * 10 + ["budget_cap_reached"] * 4
        assert (await account(api))["balance"] == 990


async def test_the_rate_limit_answers_429_with_retry_after(stack: RunningStack) -> None:
    async with authed(stack.url, await stack.tenant("free")) as api:
        await api.get("/v1/jobs")  # the plan is read once, then cached
        answers = [await api.get("/v1/jobs") for _ in range(8)]
    limited = [a for a in answers if a.status_code == 429]
    assert limited, "free allows bursts of 5"
    error = limited[0].json()["error"]
    assert error["code"] == "rate_limited"
    wait_s = int(limited[0].headers["retry-after"])
    assert wait_s >= 1
    assert f"retry in {wait_s} second" in error["message"], "the message says what the header says"


async def test_admin_manages_tenants_keys_plans_and_packs(stack: RunningStack) -> None:
    async with authed(stack.url, stack.admin_key) as admin:
        made = await admin.post("/v1/admin/tenants", json={"name": "acme", "plan": "basic"})
        assert made.status_code == 201
        tenant = made.json()
        assert tenant["account"]["plan"]["id"] == "basic"
        path = f"/v1/admin/tenants/{tenant['id']}"
        packed = (await admin.post(f"{path}/packs", json={"pack": "images-25"})).json()
        assert (packed["balance"], packed["images"]["packs_left"]) == (900, 25)
        assert (await admin.put(f"{path}/plan", json={"plan": "gold"})).status_code == 422
        second = (await admin.post(f"{path}/keys")).json()
        keys = (await admin.get(f"{path}/keys")).json()["items"]
        assert len(keys) == 2
        assert (await admin.delete(f"{path}/keys/{second['prefix']}")).status_code == 204
    async with authed(stack.url, second["key"]) as revoked:
        await asyncio.sleep(1.5)  # the gateway trusts a checked key for GATEWAY_KEY_CACHE_TTL_S
        assert (await revoked.get("/v1/jobs")).status_code == 401
    async with authed(stack.url, tenant["api_key"]) as owner:
        assert (await owner.get("/v1/billing/account")).json()["balance"] == 900
        assert (await owner.get(f"/v1/admin/tenants/{tenant['id']}")).status_code == 403
