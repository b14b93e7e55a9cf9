"""Following jobs live: the gateway's event stream, and a campaign's progress bar."""

import asyncio
from contextlib import aclosing

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from cli.gateway import Login, console, refused
from studio import FINAL_TYPES, AsyncStudio, Studio, StudioError
from studio.models import BatchPublic


async def watch(login: Login, studio: Studio, batch: BatchPublic) -> BatchPublic:
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(batch.id, total=batch.jobs, detail="")

        def show(current: BatchPublic) -> None:
            counts = current.counts
            ended = sum(
                n or 0 for n in (counts.completed, counts.failed, counts.rejected, counts.cancelled)
            )
            eta = current.eta_s
            detail = (
                f"done {counts.completed} failed {(counts.failed or 0) + (counts.rejected or 0)} "
                f"running {counts.running} · {current.cost.credits} credits"
                + (f" · ETA {eta:.0f}s" if eta else "")
            )
            progress.update(task, completed=ended, detail=detail)

        show(batch)
        while batch.status != "completed":
            await follow(login, batch_id=batch.id, until_s=2)
            batch = studio.batches.get(batch.id)
            show(batch)
    return batch


async def follow(
    login: Login,
    *,
    job_ids: list[str] | None = None,
    batch_id: str | None = None,
    until_s: float | None = None,
) -> str | None:
    """Read the event stream until a job ends (the final type), or for `until_s` seconds."""

    async def read() -> str | None:
        async with (
            AsyncStudio(login.url, login.key) as studio,
            aclosing(studio.events(job_ids=job_ids or [], batch_id=batch_id)) as events,
        ):
            async for event in events:
                if job_ids and event.type in FINAL_TYPES:
                    return event.type
        return None

    try:
        return await asyncio.wait_for(read(), until_s)
    except TimeoutError:
        return None
    except StudioError as exc:
        refused(exc)
