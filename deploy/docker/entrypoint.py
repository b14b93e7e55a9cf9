"""`python -m deploy.docker.entrypoint NAME [ARGS…]`: the image's entrypoint, runs one process.

`docker run IMAGE gateway` replaces this process with `python -m services.gateway` (so the
service receives the container's signals itself); an unknown name exits 2 with the known ones.
"""

import os
import sys
from dataclasses import dataclass

USAGE_ERROR = 2


class UnknownProcessError(ValueError):
    """The name given is none of the image's processes."""


@dataclass(frozen=True)
class Server:
    """Where a process's HTTP server listens, as its settings class reads it (a test keeps these
    in step with the class; the health check reads them without importing the service)."""

    settings: str
    """`module:Class` of the settings."""
    prefix: str
    """Their env prefix: `<prefix>HOST` is the interface."""
    port: int
    """The port's default."""
    port_field: str = "port"
    """The field holding the port (`<prefix><FIELD>` its variable)."""


@dataclass(frozen=True)
class Process:
    """A process the image runs: its module and, unless it is a one-shot step, its server."""

    module: str
    server: Server | None = None


GATEWAY = "services.gateway.settings:GatewaySettings"
PROCESSES: dict[str, Process] = {
    "gateway": Process("services.gateway", Server(GATEWAY, "GATEWAY_", 8010)),
    "projector": Process(
        "services.gateway.events", Server(GATEWAY, "GATEWAY_", 8007, "projector_port")
    ),
    "billing": Process(
        "services.billing", Server("services.billing.settings:BillingSettings", "BILLING_", 8002)
    ),
    "library": Process(
        "services.library", Server("services.library.settings:LibrarySettings", "LIBRARY_", 8001)
    ),
    "generation": Process(
        "services.generation",
        Server("services.generation.settings:GenerationSettings", "GENERATION_", 8003),
    ),
    "editing": Process(
        "services.editing", Server("services.editing.settings:EditingSettings", "EDITING_", 8004)
    ),
    "optimizer": Process(
        "services.optimizer",
        Server("services.optimizer.settings:OptimizerSettings", "OPTIMIZER_", 8005),
    ),
    "transform": Process(
        "services.transform",
        Server("services.transform.settings:TransformSettings", "TRANSFORM_", 8006),
    ),
    "provision": Process("deploy.provision"),
}


def command(argv: list[str]) -> list[str]:
    """The command line that runs `argv[0]` (a process name) with the remaining arguments."""
    if not argv or argv[0] not in PROCESSES:
        given = f"unknown process {argv[0]!r}" if argv else "no process named"
        raise UnknownProcessError(f"{given}; run one of: {' | '.join(PROCESSES)}")
    return [sys.executable, "-m", PROCESSES[argv[0]].module, *argv[1:]]


def main() -> None:
    try:
        argv = command(sys.argv[1:])
    except UnknownProcessError as refused:
        print(f"error: {refused}", file=sys.stderr)
        sys.exit(USAGE_ERROR)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
