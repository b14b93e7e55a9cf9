"""Making assets for library tests: draft jobs with known prompts, uploads of known images."""

import asyncio
from typing import Any

import httpx

from tests.support.client import draft_job, events_until, finished


async def generated(
    api: httpx.AsyncClient, prompts: list[str], **params: Any
) -> list[dict[str, Any]]:
    """One 64×64 draft asset per prompt (kept as written: no prompt enhancement), in order."""
    bodies = [
        draft_job(prompt=prompt, width=64, height=64, enhance_prompt=False, **params)
        for prompt in prompts
    ]
    jobs = [(await api.post("/v1/jobs", json=body)).json() for body in bodies]
    ids = [job["id"] for job in jobs]
    await events_until(api, finished(ids), job_ids=ids, timeout_s=180)
    assets = []
    for job_id in ids:
        page = (await api.get("/v1/assets", params={"job_id": job_id})).json()
        assets.append(page["items"][0])
    return assets


async def analysed(api: httpx.AsyncClient, asset_id: str, timeout_s: float = 60) -> dict[str, Any]:
    """The asset once the library's ingest analysis has measured it (its `phash` is set)."""

    async def poll() -> dict[str, Any]:
        while True:
            asset: dict[str, Any] = (await api.get(f"/v1/assets/{asset_id}")).json()
            if asset.get("phash"):
                return asset
            await asyncio.sleep(0.3)

    return await asyncio.wait_for(poll(), timeout_s)


async def search(api: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await api.get("/v1/assets/search", params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found
