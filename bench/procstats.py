"""What the stack's processes spent: CPU from /proc, and the probe's counters of MongoDB commands,
the documents they wrote (by collection) and produced Kafka records
(`bench/probe/sitecustomize.py`, read on SIGUSR2)."""

import json
import os
import signal
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

TICK_S = 1 / os.sysconf("SC_CLK_TCK")
SERVERS = ("kafka", "s3", "mongo", "ingress")
NOT_MEASURED = ("emulator",)


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads), its reaped children and its
    running children (nginx's worker, say)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = sum(int(fields[i]) for i in (11, 12, 13, 14)) * TICK_S
    return own + sum(cpu_s(child) for child in _children(pid))


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


@dataclass
class Snapshot:
    at: float
    cpu: dict[str, float]
    commands: dict[str, int]
    records: dict[str, int]
    writes: dict[str, int]
    """Documents written, by collection (every process together)."""


class Stack:
    """The processes of one running stack, by name (servers and services)."""

    def __init__(self, processes: dict[str, int], probe_dir: Path) -> None:
        self.processes = {n: p for n, p in processes.items() if p and n not in NOT_MEASURED}
        self.probe_dir = probe_dir

    def services(self) -> list[str]:
        return [name for name in self.processes if name not in SERVERS]

    def snapshot(self) -> Snapshot:
        cpu = {name: cpu_s(pid) for name, pid in self.processes.items()}
        commands, records, writes = self._probe()
        return Snapshot(time.perf_counter(), cpu, commands, records, writes)

    def _probe(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        for old in self.probe_dir.glob("*.json"):
            old.unlink()
        pids = {pid: name for name, pid in self.processes.items() if name not in SERVERS}
        for pid in pids:
            os.kill(pid, signal.SIGUSR2)
        deadline = time.monotonic() + 10
        while len(list(self.probe_dir.glob("*.json"))) < len(pids):
            if time.monotonic() > deadline:
                raise RuntimeError("a service did not write its probe counters")
            time.sleep(0.05)
        commands: Counter[str] = Counter()
        records: Counter[str] = Counter()
        writes: Counter[str] = Counter()
        for path in self.probe_dir.glob("*.json"):
            body = json.loads(path.read_text())
            name = pids[body["pid"]]
            commands[name] += sum(body["commands"].values())
            records[name] += sum(body["records"].values())
            writes.update(body.get("writes", {}))
        return dict(commands), dict(records), dict(writes)


@dataclass
class Spent:
    """What each process spent between two snapshots."""

    seconds: float
    cpu: dict[str, float]
    commands: dict[str, int]
    records: dict[str, int]
    writes: dict[str, int]

    @classmethod
    def between(cls, before: Snapshot, after: Snapshot) -> "Spent":
        return cls(
            seconds=after.at - before.at,
            cpu={n: after.cpu[n] - before.cpu.get(n, 0.0) for n in after.cpu},
            commands={n: v - before.commands.get(n, 0) for n, v in after.commands.items()},
            records={n: v - before.records.get(n, 0) for n, v in after.records.items()},
            writes={n: v - before.writes.get(n, 0) for n, v in after.writes.items()},
        )
