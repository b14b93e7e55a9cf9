"""`python -m services.gateway.admin`: operator commands against the gateway's database."""

import asyncio
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


@cli.command("create-tenant")
def create_tenant_command(
    name: str,
    key_file: Annotated[Path | None, typer.Option(help="Also write the key to this file.")] = None,
) -> None:
    """Create a tenant with an API key (the key is shown once)."""
    tenant_id, key = asyncio.run(create_tenant(MongoSettings(), name))
    if key_file is not None:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key + "\n")
        key_file.chmod(0o600)
    typer.echo(f"tenant {tenant_id}\napi key {key}")


if __name__ == "__main__":
    cli()
