"""Start or stop a local stack built from the source tree this runs in (the working tree or a
baseline's git worktree), for `bench/volume.py`. Run with the tree as the working directory:

    python <path>/stack_of_tree.py start ROOT OUT.json [KEY=VALUE ...]
    python <path>/stack_of_tree.py stop ROOT

`start` starts the servers (and the emulator) and every service on free ports, makes an admin
key, writes what the benchmark needs to OUT.json, and leaves the processes running.
"""

import asyncio
import json
import sys
from pathlib import Path

from deploy.local.servers import Ports
from deploy.local.stack import LocalStack


async def start(root: Path, out: Path, overrides: dict[str, str]) -> None:
    stack = LocalStack(root, Ports.free(), overrides=overrides, emulated=True)
    await stack.start_servers()
    await stack.provision()
    admin = await stack.admin_key()
    await stack.start_services()
    processes = {p.name: p.pid() for p in [*stack.servers(), *stack.services()]}
    facts = {
        "gateway_url": stack.gateway_url,
        "emulator_url": stack.emulator_url,
        "kafka": stack.kafka_settings().bootstrap_servers,
        "mongo": stack.mongo_settings().url.get_secret_value(),
        "mongo_database": stack.mongo_settings().database,
        "admin_key": admin,
        "processes": processes,
    }
    await asyncio.to_thread(out.write_text, json.dumps(facts))


def main() -> None:
    command, root = sys.argv[1], Path(sys.argv[2])
    if command == "stop":
        LocalStack(root, emulated=True).stop()
        return
    overrides = dict(arg.split("=", 1) for arg in sys.argv[4:])
    asyncio.run(start(root, Path(sys.argv[3]), overrides))


if __name__ == "__main__":
    main()
