"""`python -m deploy.local.stack up|down|status`: the platform on real local servers.

`up` starts Tansu (Kafka protocol), SeaweedFS (S3) and NX-27017 (MongoDB wire) on loopback with
data under `.studio/`, waits until each answers, creates topics, bucket and indexes, makes a dev
tenant with an API key, then runs every service of the Procfile under honcho (logs prefixed per
service in `.studio/logs/services.log`). `down` stops everything `up` started.
"""

import asyncio
import logging
import os
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import typer
from pydantic import SecretStr

from contracts.topics import all_topics
from deploy.local import servers
from deploy.local.processes import PROCFILE, Process, procfile_services
from deploy.local.servers import Ports
from emulator.app import provider_env
from services.billing.bootstrap import INDEXES as BILLING_INDEXES
from services.editing.bootstrap import INDEXES as EDITING_INDEXES
from services.gateway.bootstrap import INDEXES as GATEWAY_INDEXES
from services.gateway.events.bootstrap import INDEXES as PROJECTOR_INDEXES
from services.gateway.tenants.admin import create_admin_key, is_admin_key, write_secret
from services.generation.bootstrap import INDEXES as GENERATION_INDEXES
from services.library.assets import INDEXES as LIBRARY_INDEXES
from services.optimizer.bootstrap import INDEXES as OPTIMIZER_INDEXES
from services.transform.bootstrap import INDEXES as TRANSFORM_INDEXES
from shared.bus import ensure_topics
from shared.database import ensure_indexes, mongo_client
from shared.settings import KafkaSettings, MongoSettings, S3Settings

REPO = Path(__file__).resolve().parents[2]
SERVER_TIMEOUT_S = 90.0
SERVICE_TIMEOUT_S = 90.0
DEV_PLAN, DEV_CREDITS = "pro", 10_000
TANSU_FETCH_WAIT_MS = 2
"""Tansu holds every fetch this long, records or not; doorbells wake parked consumers."""


@dataclass
class LocalStack:
    """The servers, their provisioning and the settings that point services at them."""

    root: Path
    ports: Ports = field(default_factory=Ports)
    overrides: dict[str, str] = field(default_factory=dict)
    emulated: bool = False
    """Run the provider emulator and point every provider's settings at it."""

    def env(self) -> dict[str, str]:
        """Settings of every service, as environment variables."""
        p = self.ports
        base = {
            "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{p.kafka}",
            "KAFKA_DOORBELL_DIR": str(self.doorbells),
            "KAFKA_FETCH_MAX_WAIT_MS": str(TANSU_FETCH_WAIT_MS),
            "MONGO_URL": f"mongodb://127.0.0.1:{p.mongo}",
            "S3_ENDPOINT": f"127.0.0.1:{p.s3}",
            "GATEWAY_PORT": str(p.api),
            "GATEWAY_PROJECTOR_PORT": str(p.projector),
            "GATEWAY_PUBLIC_URL": self.gateway_url,
            "GATEWAY_LIBRARY_URL": f"http://127.0.0.1:{p.library}",
            "LIBRARY_PORT": str(p.library),
            "BILLING_PORT": str(p.billing),
            "GATEWAY_BILLING_URL": f"http://127.0.0.1:{p.billing}",
            "GENERATION_PORT": str(p.generation),
            "GATEWAY_GENERATION_URL": f"http://127.0.0.1:{p.generation}",
            "OPTIMIZER_PORT": str(p.optimizer),
            "EDITING_PORT": str(p.editing),
            "TRANSFORM_PORT": str(p.transform),
        }
        emulator = provider_env(self.emulator_url) if self.emulated else {}
        return base | emulator | self.overrides

    @property
    def emulator_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.emulator}"

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.gateway}"

    @property
    def doorbells(self) -> Path:
        """Where the stack's consumers park (Tansu sleeps out a fetch's wait: see
        `shared.doorbell`)."""
        return self.root / "run" / "doorbells"

    def kafka_settings(self) -> KafkaSettings:
        return KafkaSettings(
            bootstrap_servers=f"127.0.0.1:{self.ports.kafka}",
            doorbell_dir=self.doorbells,
            fetch_max_wait_ms=TANSU_FETCH_WAIT_MS,
        )

    def mongo_settings(self) -> MongoSettings:
        return MongoSettings(url=SecretStr(f"mongodb://127.0.0.1:{self.ports.mongo}"))

    def s3_settings(self) -> S3Settings:
        return S3Settings(endpoint=f"127.0.0.1:{self.ports.s3}")

    def servers(self) -> list[Process]:
        started = [
            servers.kafka(self.root, self.ports),
            servers.s3(self.root, self.ports, self.s3_settings()),
            servers.mongo(self.root, self.ports),
            servers.ingress(self.root),
        ]
        return started + ([servers.emulator(self.root, self.ports)] if self.emulated else [])

    def services(self) -> list[Process]:
        return procfile_services(self.root)

    def service_ports(self) -> dict[str, int]:
        p = self.ports
        return {
            "gateway": p.api,
            "projector": p.projector,
            "library": p.library,
            "billing": p.billing,
            "generation": p.generation,
            "optimizer": p.optimizer,
            "editing": p.editing,
            "transform": p.transform,
        }

    async def start_servers(self) -> None:
        """Start the servers that are not running, and wait until each answers."""
        probes: dict[str, Callable[[], Awaitable[None]]] = {
            "kafka": lambda: servers.kafka_ready(f"127.0.0.1:{self.ports.kafka}"),
            "s3": lambda: servers.s3_ready(self.s3_settings()),
            "mongo": lambda: servers.mongo_ready(self.mongo_settings()),
            "emulator": lambda: servers.emulator_ready(self.emulator_url),
            "ingress": lambda: servers.port_ready(self.ports.gateway),
        }
        started = [server for server in self.servers() if server.pid() is None]
        servers.write_ingress_conf(self.root, self.ports)
        for server in started:
            server.start({}, cwd=self.root)
        await asyncio.gather(*(_wait_ready(s, probes[s.name]) for s in self.servers()))

    async def provision(self) -> None:
        """Topics (with partitions), the bucket and every service's indexes."""
        await ensure_topics(self.kafka_settings(), all_topics())
        client = mongo_client(self.mongo_settings(), "stack")
        try:
            db = client[self.mongo_settings().database]
            every = (
                GATEWAY_INDEXES,
                PROJECTOR_INDEXES,
                LIBRARY_INDEXES,
                GENERATION_INDEXES,
                OPTIMIZER_INDEXES,
                EDITING_INDEXES,
                TRANSFORM_INDEXES,
                BILLING_INDEXES,
            )
            for indexes in every:
                await ensure_indexes(db, indexes)
        finally:
            await client.close()

    async def admin_key(self, known: str | None = None) -> str:
        """An admin key: `known` if it still is one, else a new one."""
        if known is not None and await is_admin_key(self.mongo_settings(), known):
            return known
        return await create_admin_key(self.mongo_settings())

    async def tenant_key(
        self, admin_key: str, name: str, plan: str, credits: int, known: str | None = None
    ) -> str:
        """A tenant's API key: `known` if it still works, else a new tenant's, made through the
        admin API (so its billing account has the plan and the credits)."""
        async with httpx.AsyncClient(base_url=self.gateway_url, timeout=30) as http:
            if known is not None:
                check = await http.get("/v1/jobs?limit=1", headers=_bearer(known))
                if check.status_code == 200:
                    return known
            body = {"name": name, "plan": plan, "credits": credits}
            created = await http.post("/v1/admin/tenants", json=body, headers=_bearer(admin_key))
            created.raise_for_status()
            return str(created.json()["api_key"])

    async def upgrade(self, admin_key: str, key: str, plan: str, credits: int) -> None:
        """Put a tenant made before billing existed on `plan`, with `credits`."""
        async with httpx.AsyncClient(base_url=self.gateway_url, timeout=30) as http:
            account = (await http.get("/v1/billing/account", headers=_bearer(key))).json()
            if account["plan"]["id"] == plan:
                return
            path = f"/v1/admin/tenants/{account['tenant_id']}"
            grant = {"credits": credits, "memo": "development credits"}
            headers = _bearer(admin_key) | {"Idempotency-Key": f"upgrade-to-{plan}"}
            answers = [
                await http.post(f"{path}/credits", json=grant, headers=headers),
                await http.put(f"{path}/plan", json={"plan": plan}, headers=headers),
            ]
            for answer in answers:
                answer.raise_for_status()

    async def start_services(self, only: list[str] | None = None) -> None:
        """Start Procfile services (all, or `only` these) each as its own process (tests,
        benchmarks), and wait until they are ready."""
        started = [p for p in self.services() if only is None or p.name in only]
        for process in started:
            process.start(self.env(), cwd=REPO)
        await self.wait_services([process.name for process in started])

    async def wait_services(self, names: list[str] | None = None) -> None:
        """Wait until each service answers `/readyz` with 200."""
        ports = self.service_ports()
        await asyncio.gather(*(_wait_http_ready(n, ports[n]) for n in names or list(ports)))

    def stop(self) -> None:
        for process in [*self.services(), self.runner(), *self.servers()]:
            process.stop()

    def runner(self) -> Process:
        """honcho running the Procfile (the `make up` way to run the services)."""
        argv = [sys.executable, "-m", "honcho", "--no-colour", "-f", str(PROCFILE), "-d", str(REPO)]
        return Process("services", [*argv, "-e", str(self.root / "stack.env"), "start"], self.root)


async def _wait_ready(process: Process, probe: Callable[[], Awaitable[None]]) -> None:
    deadline = time.monotonic() + SERVER_TIMEOUT_S
    while True:
        try:
            await asyncio.wait_for(probe(), 5)
            return
        except Exception as exc:
            if process.pid() is None:
                raise RuntimeError(f"{process.name} exited:\n{process.tail()}") from exc
            if time.monotonic() > deadline:
                raise RuntimeError(f"{process.name} not ready: {exc}\n{process.tail()}") from exc
        await asyncio.sleep(0.3)


async def _wait_http_ready(name: str, port: int) -> None:
    deadline = time.monotonic() + SERVICE_TIMEOUT_S
    async with httpx.AsyncClient(timeout=5) as http:
        while True:
            try:
                if (await http.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"service {name} not ready on port {port}")
            await asyncio.sleep(0.3)


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


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
) -> None:
    """Start the servers and every service; print the gateway URL and the dev and admin keys."""
    stack = LocalStack(ROOT, emulated=emulator)
    if stack.runner().pid() is not None:
        typer.echo(f"already running: {stack.gateway_url} (make down to stop)")
        raise typer.Exit(0)
    _refuse_busy_ports(stack)
    typer.echo("starting Tansu (Kafka), SeaweedFS (S3) and NX-27017 (MongoDB)…")
    admin_file, dev_file = stack.root / "admin-api-key", stack.root / "dev-api-key"
    admin = asyncio.run(_servers_up(stack, _read(admin_file)))
    write_secret(admin_file, admin + "\n")
    (stack.root / "stack.env").write_text("".join(f"{k}={v}\n" for k, v in stack.env().items()))
    typer.echo("starting the services…")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    stack.runner().log_file.unlink(missing_ok=True)
    stack.runner().start({"PATH": path, "PYTHONUNBUFFERED": "1"}, cwd=REPO)
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
