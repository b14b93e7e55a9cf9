"""Following jobs live: the gateway's event stream, and a campaign's progress bar."""

import asyncio
import json
from typing import Any

import httpx
from httpx_sse import aconnect_sse
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from cli.gateway import REFUSED, UNREACHABLE, answer, call, console, fail

FINAL = {"studio.job.completed", "studio.job.failed", "studio.job.rejected", "studio.job.cancelled"}


async def watch(http: httpx.Client, batch: dict[str, Any]) -> dict[str, Any]:
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(batch["id"], total=batch["jobs"], detail="")

        def show(current: dict[str, Any]) -> None:
            counts = current["counts"]
            ended = sum(counts[s] for s in ("completed", "failed", "rejected", "cancelled"))
            eta = current["eta_s"]
            detail = (
                f"done {counts['completed']} failed {counts['failed'] + counts['rejected']} "
                f"running {counts['running']} · {current['cost']['credits']} credits"
                + (f" · ETA {eta:.0f}s" if eta else "")
            )
            progress.update(task, completed=ended, detail=detail)

        show(batch)
        while batch["status"] != "completed":
            await follow(dict(http.headers), str(http.base_url), batch_id=batch["id"], until_s=2)
            batch = answer(call(http.get, f"/v1/batches/{batch['id']}"))
            show(batch)
    return batch


async def follow(
    headers: dict[str, str],
    base_url: str,
    *,
    job_ids: list[str] | None = None,
    batch_id: str | None = None,
    until_s: float | None = None,
) -> str | None:
    """Read the SSE stream until a job ends (the final type), or for `until_s` seconds."""
    params = [("job_id", j) for j in job_ids or []] + ([("batch_id", batch_id)] if batch_id else [])

    async def read() -> str | None:
        async with (
            httpx.AsyncClient(base_url=base_url, headers=headers, timeout=None) as http,
            aconnect_sse(http, "GET", "/v1/events", params=params) as source,
        ):
            async for message in source.aiter_sse():
                if message.event == "error":  # the stream's end, e.g. the key was revoked
                    fail(REFUSED, json.loads(message.data)["error"]["message"])
                if message.data and job_ids and json.loads(message.data)["type"] in FINAL:
                    return str(json.loads(message.data)["type"])
        return None

    try:
        return await asyncio.wait_for(read(), until_s)
    except TimeoutError:
        return None
    except httpx.HTTPError as exc:
        fail(UNREACHABLE, f"the event stream broke: {exc}")
