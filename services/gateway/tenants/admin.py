"""`python -m services.gateway.tenants.admin`: operator commands run against the gateway's
database.

Only the first admin key is made here (`make up` writes it to `.studio/admin-api-key`); tenants,
their keys, plans and credits are managed through the admin API (`/v1/admin/…`) with it.
"""

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer

from services.gateway.tenants.keys import INDEXES, Keys
from shared.database import ensure_indexes, mongo_client
from shared.errors import PermanentError
from shared.settings import MongoSettings

cli = typer.Typer(help="Image Studio gateway administration.", no_args_is_help=True)


async def create_admin_key(settings: MongoSettings) -> str:
    """A new admin key (shown once)."""
    client = mongo_client(settings, "gateway-admin")
    try:
        db = client[settings.database]
        await ensure_indexes(db, INDEXES)
        key, _ = await Keys(db, cache_ttl_s=0).issue(None)
        return key
    finally:
        await client.close()


async def is_admin_key(settings: MongoSettings, key: str) -> bool:
    client = mongo_client(settings, "gateway-admin")
    try:
        caller = await Keys(client[settings.database], cache_ttl_s=0).caller(key)
    except PermanentError:
        return False
    finally:
        await client.close()
    return caller.admin


def write_secret(path: Path, text: str) -> None:
    """Write a file only its owner can read, from its first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


@cli.command("create-admin-key")
def create_admin_key_command(
    key_file: Annotated[Path | None, typer.Option(help="Also write the key to this file.")] = None,
) -> None:
    """Create an admin key (shown once)."""
    key = asyncio.run(create_admin_key(MongoSettings()))
    if key_file is not None:
        write_secret(key_file, key + "\n")
    typer.echo(f"admin key {key}")


if __name__ == "__main__":
    cli()
