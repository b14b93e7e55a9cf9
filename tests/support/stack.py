"""The test session's own stack: real servers and every service, on free ports, in a temp dir."""

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx

from deploy.local.processes import Process
from deploy.local.servers import Ports
from deploy.local.stack import REPO, LocalStack

TEST_SETTINGS = {
    "GATEWAY_SWEEP_INTERVAL_S": "1",
    "GATEWAY_RELEASE_INTERVAL_S": "1",
    "GATEWAY_STUCK_AFTER_S": "8",
    "GATEWAY_KEY_CACHE_TTL_S": "1",
    "GATEWAY_UPLOAD_MAX_BYTES": str(8 * 2**20),
    "GATEWAY_WEBHOOK_ALLOW_PRIVATE": "true",
    "GATEWAY_WEBHOOK_RETRY_SCALE": "0.002",
    "GATEWAY_UPLOAD_MAX_PIXELS": str(16_000_000),
    "GATEWAY_UPLOAD_URL_ALLOW": "127.0.0.2/32",  # the upload tests serve images there
    "GATEWAY_UPLOAD_URL_TIMEOUT_S": "3",
    "GENERATION_WORKER__SESSION_TIMEOUT_MS": "6000",
    "GENERATION_WORKER__RETRY_BACKOFF_S": "0.1",
    "GENERATION_LEASE_S": "5",
    "GENERATION_ROUTING__BACKOFF_S": "0.05",
    "GENERATION_ROUTING__BACKOFF_MAX_S": "0.2",
    "GENERATION_ROUTING__BREAKER_FAILURES": "3",
    "GENERATION_ROUTING__BREAKER_OPEN_S": "4",
    "GENERATION_ROUTING__POLL_INTERVAL_S": "0.1",
    "GENERATION_ROUTING__ASYNC_DEADLINE_S": "20",
    "GENERATION_STABILITY__TIMEOUT_S": "3",
    "GENERATION_HUGGINGFACE__TIMEOUT_S": "3",
    "EDITING_WORKER__SESSION_TIMEOUT_MS": "6000",
    "EDITING_WORKER__RETRY_BACKOFF_S": "0.1",
    "EDITING_LEASE_S": "5",
    "EDITING_ROUTING__BACKOFF_S": "0.05",
    "EDITING_ROUTING__BACKOFF_MAX_S": "0.2",
    "EDITING_ROUTING__POLL_INTERVAL_S": "0.1",
    "EDITING_ROUTING__ASYNC_DEADLINE_S": "20",
    "EDITING_STABILITY__TIMEOUT_S": "5",
    "TRANSFORM_WORKER__SESSION_TIMEOUT_MS": "6000",
    "TRANSFORM_WORKER__RETRY_BACKOFF_S": "0.1",
    "TRANSFORM_LEASE_S": "5",
    "TRANSFORM_ROUTING__BACKOFF_S": "0.05",
    "TRANSFORM_ROUTING__BACKOFF_MAX_S": "0.2",
    "TRANSFORM_ROUTING__POLL_INTERVAL_S": "0.1",
    "TRANSFORM_ROUTING__ASYNC_DEADLINE_S": "30",
    "BILLING_RECONCILE_EVERY_S": "2",
    "LIBRARY_VISION__PROVIDER": "huggingface",  # the emulator's (`provider_env`)
    "LIBRARY_VISION__TIMEOUT_S": "3",
    "LIBRARY_PURGE_INTERVAL_S": "1",
    "STUDIO_ENVIRONMENT": "test",
    "PYTHONUNBUFFERED": "1",
}


@dataclass
class RunningStack:
    """A started stack and handles on its service processes."""

    local: LocalStack
    services: dict[str, Process]
    admin_key: str = ""

    @property
    def url(self) -> str:
        return self.local.gateway_url

    @property
    def emulator_url(self) -> str:
        return self.local.emulator_url

    async def tenant(self, plan: str = "enterprise", credits: int = 1_000_000) -> str:
        """A fresh tenant's API key (made through the admin API)."""
        return await self.local.tenant_key(self.admin_key, "test", plan, credits)

    async def start_service(self, name: str, without: Iterable[str] = ()) -> None:
        """Start a stopped service, with the stack's settings less the ones named `without`."""
        unset = set(without)
        env = {key: value for key, value in self.local.env().items() if key not in unset}
        self.services[name].start(env, cwd=REPO)
        await self.local.wait_services([name])

    def server(self, name: str) -> Process:
        return next(server for server in self.local.servers() if server.name == name)

    async def restart_servers(self) -> None:
        """Start any server that is down and wait until all answer (the services held until
        it is as it was provisioned: `LocalStack.restart_servers`)."""
        await self.local.restart_servers(self.services.values())

    async def stream_clients(self) -> float:
        """How many event-stream clients the projector counts now (its metrics)."""
        metrics = f"http://127.0.0.1:{self.local.ports.projector}/metrics"
        async with httpx.AsyncClient() as http:
            text = (await http.get(metrics)).text
        line = next(
            line for line in text.splitlines() if line.startswith("studio_gateway_stream_clients ")
        )
        return float(line.split()[1])

    def logs(self, lines: int = 40) -> str:
        return "\n".join(f"--- {p.name}\n{p.tail(lines)}" for p in self.services.values())


def start_stack(root: Path) -> RunningStack:
    local = LocalStack(root, Ports.free(), overrides=TEST_SETTINGS, emulated=True)
    running = RunningStack(local, {process.name: process for process in local.services()})
    try:
        running.admin_key = asyncio.run(_start(local))
    except RuntimeError:
        print(running.logs())
        local.stop()
        raise
    return running


async def _start(local: LocalStack) -> str:
    await local.start_servers()
    await local.provision()
    admin_key = await local.admin_key()
    await local.start_services()
    return admin_key
