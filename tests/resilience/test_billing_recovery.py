"""The ledger is the truth: drift is measured while billing runs and repaired when it starts."""

import asyncio

import httpx

from shared.database import mongo_client
from tests.support.client import authed
from tests.support.stack import RunningStack

DRIFT = "studio_billing_ledger_drift_credits "


async def drift(stack: RunningStack) -> float:
    async with httpx.AsyncClient() as http:
        text = (await http.get(f"http://127.0.0.1:{stack.local.ports.billing}/metrics")).text
    return float(next(line for line in text.splitlines() if line.startswith(DRIFT)).split()[1])


async def test_a_balance_changed_behind_the_ledger_is_reported_then_repaired(
    stack: RunningStack,
) -> None:
    async with authed(stack.url, await stack.tenant("pro", credits=70)) as api:
        tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
        client = mongo_client(stack.local.mongo_settings(), "tests")
        accounts = client[stack.local.mongo_settings().database]["billing_accounts"]
        await accounts.update_one({"_id": tenant_id}, {"$inc": {"available": 25}})
        await client.close()
        assert (await api.get("/v1/billing/account")).json()["balance"] == 95
        for _ in range(60):  # a reconciliation pass reads every account: slow on a busy host
            if await drift(stack) >= 25:
                break
            await asyncio.sleep(0.5)
        assert await drift(stack) >= 25

        stack.services["billing"].kill()
        await stack.start_service("billing")
        assert (await api.get("/v1/billing/account")).json()["balance"] == 70
        assert await drift(stack) == 0
