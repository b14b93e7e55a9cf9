"""The platform on real local servers: Tansu (Kafka protocol), SeaweedFS (S3) and NX-27017
(MongoDB wire) on loopback, provisioned (topics, bucket, indexes, keys), and the Procfile's
services pointed at them. `python -m deploy.local` runs it; tests and benchmarks use `LocalStack`.
"""

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import httpx
from pydantic import SecretStr

from deploy.local import servers
from deploy.local.instances import Instance, instances_of
from deploy.local.processes import Process, paused, procfile_services, stop_together
from deploy.local.servers import Ports
from deploy.local.supervisor import Child
from deploy.provision import provision
from emulator.app import provider_env
from services.gateway.tenants.admin import create_admin_key, is_admin_key
from shared.settings import KafkaSettings, MongoSettings, S3Settings

REPO = Path(__file__).resolve().parents[2]
SERVER_TIMEOUT_S = 90.0
SERVICE_TIMEOUT_S = 90.0
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
    scale: dict[str, int] = field(default_factory=dict)
    """Instances of each service (one unless named here): `deploy.local.instances`."""

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
            "GATEWAY_EDITING_URL": f"http://127.0.0.1:{p.editing}",
            "GATEWAY_TRANSFORM_URL": f"http://127.0.0.1:{p.transform}",
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
        """A process per instance of each Procfile service."""
        return [
            replace(service, name=instance.name, env=instance.env())
            for service in procfile_services(self.root)
            for instance in self.instances(service.name)
        ]

    def instances(self, service: str) -> list[Instance]:
        return instances_of(service, self._base_ports()[service], self.scale)

    def service_ports(self) -> dict[str, int]:
        """The HTTP port of every instance, by instance name."""
        return {
            instance.name: instance.port
            for service in self._base_ports()
            for instance in self.instances(service)
        }

    def _base_ports(self) -> dict[str, int]:
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
        servers.write_ingress_conf(
            self.root,
            self.ports,
            [instance.port for instance in self.instances("gateway")],
            [instance.port for instance in self.instances("projector")],
        )
        for server in started:
            server.start({}, cwd=self.root)
        await asyncio.gather(*(_wait_ready(s, probes[s.name]) for s in self.servers()))

    async def restart_servers(self, clients: Iterable[Process]) -> None:
        """Start the servers that are down, with `clients` paused until the topics are back.

        Tansu comes back with no topics, and clients that return at once re-create them at
        first use concurrently, after which it can fail every produce to a partition
        (docs/local-stack.md); Kafka keeps its topics, so clients never see that there."""
        with paused(clients):
            await self.start_servers()
            await self.provision()

    async def provision(self) -> None:
        """Topics (with partitions) and every service's indexes (the bucket comes with the
        services)."""
        await provision(self.kafka_settings(), self.mongo_settings(), None)

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
        named = None if only is None else {i.name for name in only for i in self.instances(name)}
        started = [p for p in self.services() if named is None or p.name in named]
        for process in started:
            process.start(self.env(), cwd=REPO)
        await self.wait_services([process.name for process in started])

    async def wait_services(self, names: list[str] | None = None) -> None:
        """Wait until each service answers `/readyz` with 200."""
        ports = self.service_ports()
        processes = {process.name: process for process in self.services()}
        waits = (_wait_http_ready(processes[n], ports[n]) for n in names or list(ports))
        await asyncio.gather(*waits)

    def stop(self, grace_s: float = 15.0) -> None:
        """The services first (they drain against the servers), then the servers; each given
        `grace_s` to exit before it is killed."""
        stop_together([*self.services(), self.runner()], grace_s)
        stop_together(self.servers(), grace_s)

    def runner(self) -> Process:
        """The supervisor running every instance (the `make up` way to run the services): it
        restarts one that exits, with backoff (`deploy.local.supervisor`)."""
        argv = [sys.executable, "-m", "deploy.local.supervisor", str(self.supervised)]
        return Process("services", argv, self.root)

    @property
    def supervised(self) -> Path:
        return self.root / "run" / "supervised.json"

    def write_supervised(self, env: Mapping[str, str]) -> None:
        """What the supervisor runs: every instance, with the stack's settings and `env`."""
        children = [
            Child(p.name, list(p.argv), {**self.env(), **env, **p.env}, p.nice)
            for p in self.services()
        ]
        self.supervised.parent.mkdir(parents=True, exist_ok=True)
        self.supervised.write_text(json.dumps([asdict(child) for child in children], indent=1))


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


async def _wait_http_ready(process: Process, port: int) -> None:
    deadline = time.monotonic() + SERVICE_TIMEOUT_S
    async with httpx.AsyncClient(timeout=5) as http:
        while True:
            try:
                if (await http.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"service {process.name} not ready on port {port}:\n{process.tail()}"
                )
            await asyncio.sleep(0.3)


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
