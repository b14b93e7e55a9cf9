"""`python -m deploy.local up|down|status`: the platform on real local servers.

`up` starts Tansu (Kafka protocol), SeaweedFS (S3) and NX-27017 (MongoDB wire) on loopback with
data under `.studio/`, waits until each answers, creates topics, bucket and indexes, makes a dev
tenant with an API key, then runs every service of the Procfile under the supervisor, which
restarts a service that exits (logs prefixed per instance in `.studio/logs/services.log`).
`up --scale gateway=2,generation=3` runs that many instances of those services. `down` stops
everything `up` started.
"""

import asyncio
import logging
import os
import socket
import sys
from pathlib import Path

import typer

from deploy.local.instances import parse_scale
from deploy.local.stack import REPO, LocalStack
from services.gateway.tenants.admin import write_secret

DEV_PLAN, DEV_CREDITS = "pro", 10_000


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


cli = typer.Typer(help=__doc__, no_args_is_help=True)
ROOT = REPO / ".studio"


@cli.command()
def up(
    emulator: bool = typer.Option(
        False,
        help="Also run the provider emulator and point every provider at it (a demo of "
        "routing and fallback without API keys).",
    ),
    scale: str = typer.Option(
        "", help="Instances of services, e.g. `gateway=2,generation=3` (one of each otherwise)."
    ),
) -> None:
    """Start the servers and every service; print the gateway URL and the dev and admin keys."""
    try:
        stack = LocalStack(ROOT, emulated=emulator, scale=parse_scale(scale))
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if stack.runner().pid() is not None:
        typer.echo(f"already running: {stack.gateway_url} (make down to stop)")
        raise typer.Exit(0)
    _refuse_busy_ports(stack)
    typer.echo("starting Tansu (Kafka), SeaweedFS (S3) and NX-27017 (MongoDB)…")
    admin_file, dev_file = stack.root / "admin-api-key", stack.root / "dev-api-key"
    admin = asyncio.run(_servers_up(stack, _read(admin_file)))
    write_secret(admin_file, admin + "\n")
    typer.echo("starting the services…")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    stack.runner().log_file.unlink(missing_ok=True)
    stack.write_supervised({"PATH": path, "PYTHONUNBUFFERED": "1"})
    stack.runner().start({"PYTHONUNBUFFERED": "1"}, cwd=REPO)
    try:
        asyncio.run(stack.wait_services())
    except RuntimeError:
        typer.echo(stack.runner().tail(60), err=True)
        raise
    key = asyncio.run(stack.tenant_key(admin, "dev", DEV_PLAN, DEV_CREDITS, _read(dev_file)))
    asyncio.run(stack.upgrade(admin, key, DEV_PLAN, DEV_CREDITS))
    write_secret(dev_file, key + "\n")
    url = stack.gateway_url
    typer.echo(f"\nImage Studio is up.\n  gateway    {url}  (API docs: {url}/docs)")
    typer.echo(f"  console    {url}/console/  (sign in with the API key below)")
    typer.echo(f"  API key    {key}  (.studio/dev-api-key: tenant `dev`, {DEV_PLAN} plan)")
    typer.echo(f"  admin key  {admin}  (.studio/admin-api-key)")
    typer.echo("  logs       make logs\n  stop       make down")


def _read(path: Path) -> str | None:
    return path.read_text().strip() if path.exists() else None


async def _servers_up(stack: LocalStack, known_admin_key: str | None) -> str:
    await stack.start_servers()
    await stack.provision()
    return await stack.admin_key(known_admin_key)


def _refuse_busy_ports(stack: LocalStack) -> None:
    running = {s.name for s in stack.servers() if s.pid() is not None}
    ports = {
        "ingress": [stack.ports.gateway],
        "kafka": [stack.ports.kafka],
        "mongo": [stack.ports.mongo],
        "s3": stack.ports.seaweed(),
        "emulator": [stack.ports.emulator] if stack.emulated else [],
    }
    wanted = [port for name, group in ports.items() if name not in running for port in group]
    busy = [port for port in [*wanted, *stack.service_ports().values()] if port_in_use(port)]
    if busy:
        typer.echo(f"error: ports already in use: {sorted(busy)}; stop what holds them", err=True)
        raise typer.Exit(1)


@cli.command()
def down() -> None:
    """Stop every service and server `up` started (data stays in .studio/)."""
    LocalStack(ROOT, emulated=True).stop()
    typer.echo("stopped")


@cli.command()
def status() -> None:
    """Which processes of the stack run."""
    stack = LocalStack(ROOT, emulated=True)
    for process in [*stack.servers(), stack.runner()]:
        pid = process.pid()
        typer.echo(f"{process.name:10} {'running, pid ' + str(pid) if pid else 'stopped'}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR)  # the readiness probes expect refused connections
    cli()
