"""`studio`: the Image Studio command line — log in, generate, run campaigns, fetch results.

Exit codes scripts can rely on:
0 done; 1 a job (or some jobs of a batch) failed; 2 wrong usage; 3 the request was refused
(invalid input: 4xx); 4 refused by plan or balance (402); 5 the platform is unreachable (5xx,
connection).
"""

import asyncio
import io
import json
import os
import zipfile
from pathlib import Path
from typing import Annotated, Any, NoReturn

import httpx
import typer
from httpx_sse import aconnect_sse
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(help="Image Studio from the command line.", no_args_is_help=True)
batch_app = typer.Typer(help="Campaigns: submit, watch, download.", no_args_is_help=True)
app.add_typer(batch_app, name="batch")
console = Console()
errors = Console(stderr=True)

DONE, FAILED, USAGE, REFUSED, PAYMENT, UNREACHABLE = 0, 1, 2, 3, 4, 5
FINAL = {"studio.job.completed", "studio.job.failed", "studio.job.rejected", "studio.job.cancelled"}


def config_path() -> Path:
    """Where `studio login` keeps the gateway URL and key (`STUDIO_CONFIG` overrides)."""
    default = Path.home() / ".config" / "studio" / "config.json"
    return Path(os.environ.get("STUDIO_CONFIG", default))


@app.command()
def login(
    url: Annotated[str, typer.Option(prompt="Gateway URL")] = "http://127.0.0.1:8000",
    key: Annotated[str, typer.Option(prompt="API key", hide_input=True)] = "",
) -> None:
    """Store the gateway URL and API key (checked against the gateway first)."""
    with httpx.Client(base_url=url, headers=_auth(key), timeout=30) as http:
        _answer(_call(http.get, "/v1/billing/account"))
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
    with _client() as http:
        job = _answer(_call(http.post, "/v1/jobs", json={"kind": "generate", "params": params}))
        console.print(f"job {job['id']} accepted")
        final = asyncio.run(_follow(dict(http.headers), str(http.base_url), job_ids=[job["id"]]))
        job = _answer(_call(http.get, f"/v1/jobs/{job['id']}"))
        if final != "studio.job.completed":
            _fail(FAILED, f"job {job['status']}: {(job.get('error') or {}).get('message', '')}")
        out.mkdir(parents=True, exist_ok=True)
        for asset_id in job["asset_ids"]:
            _save(http, asset_id, out)
        console.print(f"{len(job['asset_ids'])} image(s) in {out}")


@batch_app.command("submit")
def batch_submit(
    file: Path,
    template: Annotated[
        str | None, typer.Option(help="A job spec (JSON, or @file) with {column} holes.")
    ] = None,
    name: str | None = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only validate and price.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Submit without asking.")] = False,
) -> None:
    """Validate and price a CSV or JSONL campaign, ask, then submit it."""
    form = {"dry_run": "true", "template": _template(template) or "", "name": name or ""}
    with _client() as http:
        check = _answer(_upload(http, file, form))
        _show_check(check)
        if not check["valid"]:
            _fail(REFUSED, f"{len(check['errors'])} problem(s): nothing submitted")
        if dry_run:
            return
        if not yes and not typer.confirm(f"Submit {check['jobs']} jobs?"):
            _fail(FAILED, "not submitted")
        batch = _answer(_upload(http, file, form | {"dry_run": "false"}))
        console.print(f"batch {batch['id']}: {batch['jobs']} jobs in the {batch['lane']} lane")
        console.print(batch["id"], style="bold")


@batch_app.command("watch")
def batch_watch(batch_id: str) -> None:
    """A live progress bar (done, failed, running, cost, ETA) until every job has ended."""
    with _client() as http:
        batch = _answer(_call(http.get, f"/v1/batches/{batch_id}"))
        batch = asyncio.run(_watch(http, batch))
    counts = batch["counts"]
    console.print(
        f"{counts['completed']} completed, {counts['failed'] + counts['rejected']} failed, "
        f"{counts['cancelled']} cancelled; {batch['cost']['credits']} credits"
    )
    if counts["failed"] or counts["rejected"]:
        raise typer.Exit(FAILED)


@batch_app.command("download")
def batch_download(batch_id: str, out: Path) -> None:
    """Every output of the batch, unpacked into `out` with its manifest."""
    with _client() as http:
        response = _call(http.get, f"/v1/batches/{batch_id}/archive")
        _answer(response, parse=False)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
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
    with _client() as http:
        params = {"limit": str(limit)} | ({"status": status} if status else {})
        page = _answer(_call(http.get, "/v1/jobs", params=params))
    table = Table("id", "kind", "status", "batch", "credits")
    for job in page["items"]:
        credits = str((job.get("cost") or {}).get("credits", ""))
        table.add_row(job["id"], job["kind"], job["status"], job.get("batch_id") or "", credits)
    console.print(table)


@app.command()
def assets(job: str | None = None, limit: int = 20) -> None:
    """The newest assets (of one job with `--job`)."""
    with _client() as http:
        params = {"limit": str(limit)} | ({"job_id": job} if job else {})
        page = _answer(_call(http.get, "/v1/assets", params=params))
    table = Table("id", "kind", "size", "format", "bytes", "job")
    for asset in page["items"]:
        size = f"{asset['width']}x{asset['height']}"
        table.add_row(
            asset["id"],
            asset["kind"],
            size,
            asset["format"],
            str(asset["bytes"]),
            asset["job_id"] or "",
        )
    console.print(table)


async def _watch(http: httpx.Client, batch: dict[str, Any]) -> dict[str, Any]:
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
            await _follow(dict(http.headers), str(http.base_url), batch_id=batch["id"], until_s=2)
            batch = _answer(_call(http.get, f"/v1/batches/{batch['id']}"))
            show(batch)
    return batch


async def _follow(
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
                if message.data and job_ids and json.loads(message.data)["type"] in FINAL:
                    return str(json.loads(message.data)["type"])
        return None

    try:
        return await asyncio.wait_for(read(), until_s)
    except TimeoutError:
        return None
    except httpx.HTTPError as exc:
        _fail(UNREACHABLE, f"the event stream broke: {exc}")


def _show_check(check: dict[str, Any]) -> None:
    estimate = check.get("estimate") or {}
    console.print(
        f"{check['jobs']} rows; {estimate.get('credits', 0)} credits "
        f"(${estimate.get('price_usd', 0)}), about {estimate.get('expected_seconds', 0)} s of work"
    )
    if check["errors"]:
        table = Table("row", "field", "problem")
        for error in check["errors"]:
            table.add_row(str(error["row"]), error["field"], error["message"])
        errors.print(table)


def _upload(http: httpx.Client, file: Path, form: dict[str, str]) -> httpx.Response:
    if not file.is_file():
        _fail(USAGE, f"no file {file}")
    files = {"file": (file.name, file.read_bytes(), "text/plain")}
    return _call(http.post, "/v1/batches", files=files, data=form)


def _template(value: str | None) -> str | None:
    if value and value.startswith("@"):
        return Path(value[1:]).read_text()
    return value


def _save(http: httpx.Client, asset_id: str, out: Path) -> None:
    asset = _answer(_call(http.get, f"/v1/assets/{asset_id}"))
    content = _call(http.get, f"/v1/assets/{asset_id}/content", follow_redirects=True)
    _answer(content, parse=False)
    extension = {"jpeg": "jpg"}.get(asset["format"], asset["format"])
    (out / f"{asset_id}.{extension}").write_bytes(content.content)


def _client() -> httpx.Client:
    path = config_path()
    if not path.is_file():
        _fail(USAGE, "not logged in: run `studio login` first")
    config = json.loads(path.read_text())
    return httpx.Client(base_url=config["url"], headers=_auth(config["key"]), timeout=60)


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _call(method: Any, url: str, **kwargs: Any) -> httpx.Response:
    try:
        response: httpx.Response = method(url, **kwargs)
    except httpx.HTTPError as exc:
        _fail(UNREACHABLE, f"the gateway is unreachable: {exc}")
    return response


def _answer(response: httpx.Response, parse: bool = True) -> Any:
    """The JSON of a successful answer; else the error, and the exit code it means."""
    if not response.is_success:
        _refused(response)
    return response.json() if parse else None


def _refused(response: httpx.Response) -> NoReturn:
    try:
        error = response.json()["error"]
        message = f"{error['code']}: {error['message']}"
    except (ValueError, KeyError):
        message = f"HTTP {response.status_code}"
    if response.status_code == 402:
        _fail(PAYMENT, message)
    _fail(UNREACHABLE if response.status_code >= 500 else REFUSED, message)


def _fail(code: int, message: str) -> NoReturn:
    errors.print(message, style="red")
    raise typer.Exit(code)
