"""`python -m deploy.docker.healthcheck [--ready] [NAME]`: the image's health check.

Asks `/healthz` (alive) or, with `--ready`, `/readyz` (dependencies reachable) of the process
this container runs: NAME, or else the one found among the container's processes (`python -m
services.…` in `/proc`, so one `HEALTHCHECK` fits every service), at the interface and port its
`<PREFIX>HOST` and port variables give (or their defaults). Exits 0 when it answers 200, else 1;
a one-shot step (provision) has no server and counts as healthy.

It reads those two variables itself rather than through the service's settings class: importing
a service's settings costs up to a second of CPU, every check, in every container.
"""

import argparse
import itertools
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from deploy.docker.entrypoint import PROCESSES, Server

PROC = Path("/proc")
TIMEOUT_S = 4.0
WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def running(proc: Path = PROC) -> str | None:
    """The name of the image's process running here, looked up by its module (lowest pid
    first: the service itself, or the first child of an init process)."""
    names = {process.module: name for name, process in PROCESSES.items()}
    pids = sorted(int(entry.name) for entry in proc.iterdir() if entry.name.isdigit())
    for pid in pids:
        try:
            argv = (proc / str(pid) / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # ended while we looked
        module = _module(argv)
        if module in names:
            return names[module]
    return None


def _module(argv: list[bytes]) -> str | None:
    """The module a `python -m MODULE …` command line runs."""
    for flag, module in itertools.pairwise(argv):
        if flag == b"-m":
            return module.decode(errors="replace")
    return None


def url(server: Server, path: str, environ: Mapping[str, str] = os.environ) -> str:
    """Where `server` answers `path`: its variables read as its settings read them (names in
    any case), a wildcard interface asked on loopback."""
    env = {name.upper(): value for name, value in environ.items()}
    host = env.get(f"{server.prefix}HOST", "127.0.0.1")
    host = "127.0.0.1" if host in WILDCARDS else host
    if ":" in host:
        host = f"[{host}]"
    port = env.get(f"{server.prefix}{server.port_field}".upper(), str(server.port))
    return f"http://{host}:{port}{path}"


def answers(address: str) -> bool:
    """Whether `address` answers 200 within the timeout."""
    try:
        with urllib.request.urlopen(address, timeout=TIMEOUT_S) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.docker.healthcheck")
    parser.add_argument("--ready", action="store_true", help="ask /readyz instead of /healthz")
    parser.add_argument("name", nargs="?", choices=sorted(PROCESSES), help="default: found")
    args = parser.parse_args(argv)
    name = args.name or running()
    if name is None:
        print("unhealthy: no process of the image runs here", file=sys.stderr)
        return 1
    server = PROCESSES[name].server
    if server is None:
        return 0
    address = url(server, "/readyz" if args.ready else "/healthz")
    if answers(address):
        return 0
    print(f"unhealthy: {name} does not answer {address}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
