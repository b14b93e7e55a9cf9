"""How the command line talks to the gateway: the stored login, calls, answers and exit codes."""

import json
import os
from pathlib import Path
from typing import Any, NoReturn

import httpx
import typer
from rich.console import Console

console = Console()
errors = Console(stderr=True)

DONE, FAILED, USAGE, REFUSED, PAYMENT, UNREACHABLE = 0, 1, 2, 3, 4, 5


def config_path() -> Path:
    """Where `studio login` keeps the gateway URL and key (`STUDIO_CONFIG` overrides)."""
    default = Path.home() / ".config" / "studio" / "config.json"
    return Path(os.environ.get("STUDIO_CONFIG", default))


def upload(http: httpx.Client, file: Path, form: dict[str, str]) -> httpx.Response:
    """Post a campaign file to `/v1/batches` with `form`."""
    if not file.is_file():
        fail(USAGE, f"no file {file}")
    files = {"file": (file.name, file.read_bytes(), "text/plain")}
    return call(http.post, "/v1/batches", files=files, data=form)


def save(http: httpx.Client, asset_id: str, out: Path) -> None:
    """Download an asset's content into `out`, named by its id and format."""
    asset = answer(call(http.get, f"/v1/assets/{asset_id}"))
    content = call(http.get, f"/v1/assets/{asset_id}/content", follow_redirects=True)
    answer(content, parse=False)
    extension = {"jpeg": "jpg"}.get(asset["format"], asset["format"])
    (out / f"{asset_id}.{extension}").write_bytes(content.content)


def client() -> httpx.Client:
    """A client for the gateway `studio login` stored."""
    path = config_path()
    if not path.is_file():
        fail(USAGE, "not logged in: run `studio login` first")
    config = json.loads(path.read_text())
    return httpx.Client(base_url=config["url"], headers=auth(config["key"]), timeout=60)


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def call(method: Any, url: str, **kwargs: Any) -> httpx.Response:
    try:
        response: httpx.Response = method(url, **kwargs)
    except httpx.HTTPError as exc:
        fail(UNREACHABLE, f"the gateway is unreachable: {exc}")
    return response


def answer(response: httpx.Response, parse: bool = True) -> Any:
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
        fail(PAYMENT, message)
    fail(UNREACHABLE if response.status_code >= 500 else REFUSED, message)


def fail(code: int, message: str) -> NoReturn:
    errors.print(message, style="red")
    raise typer.Exit(code)
