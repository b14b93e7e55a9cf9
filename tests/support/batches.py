"""Helpers of the batch tests: draft jobs, and waiting for a batch or the balance to settle."""

import asyncio
from typing import Any

import httpx

DRAFT = {"quality": "draft", "width": 64, "height": 64}


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
