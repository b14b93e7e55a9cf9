"""`studio`: the Image Studio command line — log in, generate, run campaigns, fetch results.

Exit codes scripts can rely on:
0 done; 1 a job (or some jobs of a batch) failed; 2 wrong usage; 3 the request was refused
(invalid input: 4xx); 4 refused by plan or balance (402); 5 the platform is unreachable (5xx,
connection).
"""

import asyncio
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from cli.gateway import (
    FAILED,
    REFUSED,
    USAGE,
    Login,
    answering,
    client,
    config_path,
    console,
    errors,
    fail,
    save,
    stored_login,
)
from cli.stream import follow, watch
from studio.models import BatchCheck

app = typer.Typer(help="Image Studio from the command line.", no_args_is_help=True)
batch_app = typer.Typer(help="Campaigns: submit, watch, download.", no_args_is_help=True)
app.add_typer(batch_app, name="batch")


@app.command()
def login(
    url: Annotated[str, typer.Option(prompt="Gateway URL")] = "http://127.0.0.1:8000",
    key: Annotated[str, typer.Option(prompt="API key", hide_input=True)] = "",
) -> None:
    """Store the gateway URL and API key (checked against the gateway first)."""
    with answering(), client(Login(url, key)) as studio:
        studio.account()
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"url": url, "key": key}))
    path.chmod(0o600)
    console.print(f"logged in to {url}")


@app.command()
def generate(
    prompt: str,
    out: Annotated[Path, typer.Option(help="Folder for the images.")] = Path("."),
    template: str | None = None,
    quality: str = "standard",
    variations: int = 1,
) -> None:
    """Generate images and save them to `--out` once the job completes."""
    params: dict[str, Any] = {"prompt": prompt, "quality": quality, "variations": variations}
    if template:
        params["template"] = template
    login = stored_login()
    with answering(), client(login) as studio:
        job = studio.jobs.create({"kind": "generate", "params": params})
        console.print(f"job {job.id} accepted")
        final = asyncio.run(follow(login, job_ids=[job.id]))
        job = studio.jobs.get(job.id)
        if final != "studio.job.completed":
            fail(FAILED, f"job {job.status}: {job.error.message if job.error else ''}")
        out.mkdir(parents=True, exist_ok=True)
        asset_ids = job.asset_ids or []
        for asset_id in asset_ids:
            save(studio, asset_id, out)
        console.print(f"{len(asset_ids)} image(s) in {out}")


@batch_app.command("submit")
def batch_submit(
    file: Path,
    template: Annotated[
        str | None, typer.Option(help="A job spec (JSON, or @file) with {column} holes.")
    ] = None,
    name: str | None = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only validate and price.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Submit without asking.")] = False,
    schedule_at: Annotated[
        str | None,
        typer.Option(
            help="Hold the jobs until then: RFC 3339 with an offset, e.g. 2026-12-24T22:00Z."
        ),
    ] = None,
    off_peak: Annotated[
        bool, typer.Option("--off-peak", help="Hold the jobs until the off-peak window opens.")
    ] = False,
) -> None:
    """Validate and price a CSV or JSONL campaign, ask, then submit it (now, at `--schedule-at`
    or `--off-peak`)."""
    if not file.is_file():
        fail(USAGE, f"no file {file}")
    spec = _template(template)
    at = _moment(schedule_at)
    with answering(), client(stored_login()) as studio:
        check = studio.batches.check_file(file, template=spec, name=name)
        _show_check(check)
        if not check.valid:
            fail(REFUSED, f"{len(check.errors)} problem(s): nothing submitted")
        if dry_run:
            return
        if not yes and not typer.confirm(f"Submit {check.jobs} jobs?"):
            fail(FAILED, "not submitted")
        batch = studio.batches.upload(
            file, template=spec, name=name, schedule_at=at, off_peak=off_peak
        )
        console.print(f"batch {batch.id}: {batch.jobs} jobs in the {batch.lane} lane")
        if batch.scheduled_at is not None:
            console.print(f"scheduled: runs at {batch.scheduled_at.isoformat()}")
        console.print(batch.id, style="bold")


@batch_app.command("off-peak")
def batch_off_peak(
    start: Annotated[str | None, typer.Option(help="`HH:MM`, when the window opens.")] = None,
    end: Annotated[str | None, typer.Option(help="`HH:MM`, when it closes.")] = None,
    timezone: Annotated[str, typer.Option(help="An IANA zone, e.g. Europe/Paris.")] = "UTC",
) -> None:
    """Show the daily off-peak window `--off-peak` batches run in; set it with `--start` and
    `--end`."""
    if (start is None) != (end is None):
        fail(USAGE, "give both --start and --end to set the window")
    with answering(), client(stored_login()) as studio:
        window = (
            studio.batches.set_off_peak_window({"start": start, "end": end, "timezone": timezone})
            if start is not None
            else studio.batches.off_peak_window()
        )
    console.print(f"off-peak: {window.start} to {window.end} ({window.timezone})")


@batch_app.command("watch")
def batch_watch(batch_id: str) -> None:
    """A live progress bar (done, failed, running, cost, ETA) until every job has ended."""
    login = stored_login()
    with answering(), client(login) as studio:
        batch = asyncio.run(watch(login, studio, studio.batches.get(batch_id)))
    counts = batch.counts
    failed = (counts.failed or 0) + (counts.rejected or 0)
    console.print(
        f"{counts.completed} completed, {failed} failed, "
        f"{counts.cancelled} cancelled; {batch.cost.credits} credits"
    )
    if failed:
        raise typer.Exit(FAILED)


@batch_app.command("download")
def batch_download(batch_id: str, out: Path) -> None:
    """Every output of the batch, unpacked into `out` with its manifest."""
    with answering(), client(stored_login()) as studio:
        content = studio.batches.archive(batch_id)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        archive.extractall(out)
        files = len(archive.namelist())
        pending = json.loads(archive.read("manifest.json")).get("pending", [])
    console.print(f"{files} files in {out}")
    if pending:
        console.print(
            f"{len(pending)} jobs have no outputs yet (still running): download again later"
        )


@app.command()
def jobs(status: str | None = None, limit: int = 20) -> None:
    """The newest jobs."""
    with answering(), client(stored_login()) as studio:
        page = studio.jobs.list(status=status, limit=limit)
    table = Table("id", "kind", "status", "batch", "credits")
    for job in page.items:
        credits = str(job.cost.credits) if job.cost else ""
        table.add_row(job.id, job.kind, job.status, job.batch_id or "", credits)
    console.print(table)


@app.command()
def assets(job: str | None = None, limit: int = 20) -> None:
    """The newest assets (of one job with `--job`)."""
    with answering(), client(stored_login()) as studio:
        page = studio.assets.list(job_id=job, limit=limit)
    table = Table("id", "kind", "size", "format", "bytes", "job")
    for asset in page.items:
        size = f"{asset.width}x{asset.height}"
        table.add_row(
            asset.id, asset.kind, size, asset.format, str(asset.bytes), asset.job_id or ""
        )
    console.print(table)


def _show_check(check: BatchCheck) -> None:
    estimate = check.estimate
    credits, price, seconds = (
        (estimate.credits, estimate.price_usd, estimate.expected_seconds) if estimate else (0, 0, 0)
    )
    console.print(f"{check.jobs} rows; {credits} credits (${price}), about {seconds} s of work")
    if estimate and estimate.discount_credits:
        console.print(f"volume discount: {estimate.discount_credits} credits off the list price")
    if check.errors:
        table = Table("row", "field", "problem")
        for error in check.errors:
            table.add_row(str(error.row), error.field, error.message)
        errors.print(table)


def _moment(value: str | None) -> datetime | None:
    """`--schedule-at` as a time (the gateway judges it: an offset, in the future...)."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        fail(USAGE, f"--schedule-at {value!r} is not an RFC 3339 time (2026-12-24T22:00:00Z)")


def _template(value: str | None) -> str | None:
    if value and value.startswith("@"):
        return Path(value[1:]).read_text()
    return value
