"""How the command line talks to the gateway: the stored login, the SDK's client, answers and
exit codes."""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from studio import Studio, StudioError

console = Console()
errors = Console(stderr=True)

DONE, FAILED, USAGE, REFUSED, PAYMENT, UNREACHABLE = 0, 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Login:
    url: str
    key: str


def config_path() -> Path:
    """Where `studio login` keeps the gateway URL and key (`STUDIO_CONFIG` overrides)."""
    default = Path.home() / ".config" / "studio" / "config.json"
    return Path(os.environ.get("STUDIO_CONFIG", default))


def stored_login() -> Login:
    """The gateway `studio login` stored."""
    path = config_path()
    if not path.is_file():
        fail(USAGE, "not logged in: run `studio login` first")
    config = json.loads(path.read_text())
    return Login(config["url"], config["key"])


def client(login: Login) -> Studio:
    return Studio(login.url, login.key)


def save(studio: Studio, asset_id: str, out: Path) -> None:
    """Download an asset's content into `out`, named by its id and format."""
    asset = studio.assets.get(asset_id)
    content = studio.assets.download(asset_id)
    extension = {"jpeg": "jpg"}.get(asset.format, asset.format)
    (out / f"{asset_id}.{extension}").write_bytes(content)


@contextmanager
def answering() -> Iterator[None]:
    """Ends the command with the message and exit code of a refused or failed call."""
    try:
        yield
    except StudioError as exc:
        refused(exc)


def refused(error: StudioError) -> NoReturn:
    if error.status is None:
        fail(UNREACHABLE, f"the gateway is unreachable: {error.message}")
    message = f"{error.code}: {error.message}"
    if error.status == 402:
        fail(PAYMENT, message)
    fail(UNREACHABLE if error.status >= 500 else REFUSED, message)


def fail(code: int, message: str) -> NoReturn:
    errors.print(message, style="red")
    raise typer.Exit(code)
