"""`python -m services.gateway.admin`: operator commands against the gateway's database."""

import asyncio
import os
from pathlib import Path
from typing import Annotated

import typer

from services.gateway.auth import INDEXES, Keys
from shared.database import ensure_indexes, mongo_client
from shared.settings import MongoSettings

cli = typer.Typer(help="Image Studio gateway administration.", no_args_is_help=True)


async def create_tenant(settings: MongoSettings, name: str) -> tuple[str, str]:
    """Create a tenant and its first API key; returns (tenant id, key)."""
    client = mongo_client(settings, "gateway-admin")
    try:
        db = client[settings.database]
        await ensure_indexes(db, INDEXES)
        keys = Keys(db, cache_ttl_s=0)
        tenant = await keys.create_tenant(name)
        return tenant.id, await keys.issue(tenant.id)
    finally:
        await client.close()


def write_secret(path: Path, text: str) -> None:
    """Write a file only its owner can read, from its first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


@cli.command("create-tenant")
def create_tenant_command(
    name: str,
    key_file: Annotated[Path | None, typer.Option(help="Also write the key to this file.")] = None,
) -> None:
    """Create a tenant with an API key (the key is shown once)."""
    tenant_id, key = asyncio.run(create_tenant(MongoSettings(), name))
    if key_file is not None:
        write_secret(key_file, key + "\n")
    typer.echo(f"tenant {tenant_id}\napi key {key}")


if __name__ == "__main__":
    cli()
