"""Counters the volume and scale benchmarks read from every service process, whatever commit it
runs.

Put on `PYTHONPATH`, this module is imported at interpreter start-up (`site`'s hook). It counts
the MongoDB commands the process sends (a PyMongo command listener, registered before any client
exists), what those commands write by collection (each document inserted, each update or delete
statement sent, matched or not, each findAndModify) and the records it produces to Kafka
(aiokafka's `send`, wrapped), and on SIGUSR2 writes them to
`$STUDIO_PROBE_DIR/<name>-<pid>.json`. Without `STUDIO_PROBE_DIR` it does nothing.
"""

import contextlib
import json
import os
import signal
import sys
from collections import Counter
from pathlib import Path
from types import FrameType

IGNORED = frozenset({"hello", "ismaster", "isMaster", "ping", "endSessions", "buildInfo"})
WRITTEN = {"insert": "documents", "update": "updates", "delete": "deletes"}
"""The field of each write command that lists what it writes (findAndModify writes one)."""


def _install(folder: Path) -> None:
    from aiokafka import AIOKafkaProducer
    from pymongo import monitoring

    commands: Counter[str] = Counter()
    writes: Counter[str] = Counter()
    records: Counter[str] = Counter()

    class Commands(monitoring.CommandListener):
        def started(self, event: monitoring.CommandStartedEvent) -> None:
            name = event.command_name
            if name not in IGNORED:
                commands[name] += 1
            if name in WRITTEN:
                writes[str(event.command[name])] += len(event.command.get(WRITTEN[name], ()))
            elif name == "findAndModify":
                writes[str(event.command[name])] += 1

        def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
            pass

        def failed(self, event: monitoring.CommandFailedEvent) -> None:
            pass

    monitoring.register(Commands())
    send = AIOKafkaProducer.send

    async def counted_send(self: AIOKafkaProducer, topic: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        records[topic] += 1
        return await send(self, topic, *args, **kwargs)

    AIOKafkaProducer.send = counted_send

    def dump(signum: int, frame: FrameType | None) -> None:
        name = _name()
        body = {
            "name": name,
            "pid": os.getpid(),
            "commands": commands,
            "writes": writes,
            "records": records,
        }
        target = folder / f"{name}-{os.getpid()}.json"
        partial = target.with_suffix(".tmp")
        partial.write_text(json.dumps(body))
        partial.replace(target)

    signal.signal(signal.SIGUSR2, dump)


def _name() -> str:
    """`gateway` for `python -m services.gateway`, else the script's name."""
    argv = sys.orig_argv
    if len(argv) > 2 and argv[1] == "-m":
        return argv[2].removeprefix("services.").replace(".", "-")
    return Path(argv[-1]).stem


if os.environ.get("STUDIO_PROBE_DIR"):
    with contextlib.suppress(ImportError):  # a process without the clients (a server's helper)
        _install(Path(os.environ["STUDIO_PROBE_DIR"]))
