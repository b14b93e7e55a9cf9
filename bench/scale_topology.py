"""The scale benchmark's stack: one local stack started with room for the most instances asked,
put in each configuration by starting and stopping instances, and clients that reach the
instances' ports directly (see `bench/scale.py`)."""

import asyncio
from dataclasses import dataclass
from pathlib import Path

from loadgen import Tenant
from procstats import Stack
from sides import PROBE, REPO

from deploy.local.processes import Process, procfile_services
from deploy.local.servers import Ports
from deploy.local.stack import LocalStack

WORKERS = ("projector", "billing", "library", "generation")
"""What a draft `generate` job passes through after the gateway, scaled together; editing,
the optimizer and transform get no work from these jobs and stay at one instance."""
MOST_REPLICAS = 3
MOST_GATEWAYS = 2
SETTLE_S = 3.0
"""After instances come or go: the groups' rebalances end before anything is measured."""


@dataclass(frozen=True)
class Config:
    name: str
    gateways: int
    replicas: int
    """Instances of each of `WORKERS`."""

    @property
    def title(self) -> str:
        gateways = "gateway" if self.gateways == 1 else "gateways"
        return f"{self.name}. {self.gateways} {gateways} + {self.replicas} per worker"

    def count(self, service: str) -> int:
        if service == "gateway":
            return self.gateways
        return self.replicas if service in WORKERS else 1


CONFIGS = (Config("a", 1, 1), Config("b", 2, 1), Config("c", 1, 3), Config("d", 2, 3))


def scaled_stack(root: Path) -> LocalStack:
    """A stack on free ports with room for every configuration's instances; every service
    counts its database commands, writes and produced records (`bench/probe/`)."""
    probe_dir = root / "probe"
    probe_dir.mkdir(parents=True, exist_ok=True)
    probe = {"PYTHONPATH": f"{PROBE}:{REPO}", "STUDIO_PROBE_DIR": str(probe_dir)}
    scale = {"gateway": MOST_GATEWAYS} | dict.fromkeys(WORKERS, MOST_REPLICAS)
    return LocalStack(root, Ports.free(), overrides=probe, emulated=True, scale=scale)


def wanted(stack: LocalStack, config: Config) -> set[str]:
    """The instance names `config` runs."""
    services = [process.name for process in procfile_services(stack.root)]
    return {i.name for s in services for i in stack.instances(s)[: config.count(s)]}


async def arrange(stack: LocalStack, config: Config) -> None:
    """Stop the instances `config` does not run, start those it runs, wait until they are ready
    and the groups have settled."""
    names = wanted(stack, config)
    processes = stack.services()
    leaving = [p for p in processes if p.name not in names and p.pid() is not None]
    await asyncio.gather(*(asyncio.to_thread(process.stop) for process in leaving))
    started = [p for p in processes if p.name in names and p.pid() is None]
    for process in started:
        process.start(stack.env(), cwd=REPO)
    if started:  # (no names: `wait_services` waits for every instance)
        await stack.wait_services([process.name for process in started])
    await asyncio.sleep(SETTLE_S)


def measured(stack: LocalStack) -> Stack:
    """The running processes (servers and instances), for CPU and probe readings."""
    running = [*stack.servers(), *stack.services()]
    pids = {p.name: pid for p in running if (pid := p.pid()) is not None}
    return Stack(pids, stack.root / "probe")


def urls(stack: LocalStack, service: str, config: Config) -> list[str]:
    return [f"http://127.0.0.1:{i.port}" for i in stack.instances(service)[: config.count(service)]]


def clients(stack: LocalStack, config: Config, keys: list[str]) -> list[Tenant]:
    """A client per tenant key, each submitting to one gateway instance and streaming from one
    projector instance, spread evenly (as a load balancer spreads connections)."""
    gateways, projectors = urls(stack, "gateway", config), urls(stack, "projector", config)
    return [
        Tenant(gateways[n % len(gateways)], key, 400, projectors[n % len(projectors)])
        for n, key in enumerate(keys)
    ]


def instance(stack: LocalStack, name: str) -> Process:
    return next(process for process in stack.services() if process.name == name)
