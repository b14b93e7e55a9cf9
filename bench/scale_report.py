"""The scale benchmark's tables: the four configurations against a, who used the CPU in each,
why the gain stops, and what killing and starting a generation replica did."""

import os
import re

from loadgen import Timed
from procstats import SERVERS
from scale_rebalance import Event, around_each, normal_gap_s, normal_rate, per_second
from scale_topology import CONFIGS

Figures = dict[str, float]
CORES = os.cpu_count() or 1
BUSIEST = 6
WHY = """\
Why it is sub-linear here: every process of every configuration shares the same {cores} cores,
and the one Tansu, NX-27017 and SeaweedFS serve every instance. Another gateway or replica adds a
process, not CPU: one more consumer in each group (heartbeats, fetches, rebalances), one more
projector tailing every shown event, more connections to the same servers. Once the cores are full
(a used {a_cpu:.0f} % of the {all_cpu} % there is), more instances only cut the same CPU into more
pieces. With 4 partitions per topic, 3 replicas split each topic 2/1/1. In a cluster each replica
brings its own CPU: size from CPU per job (bench/capacity.py), not from these ratios."""


def print_report(
    by_config: dict[str, Figures], steady: list[Timed], events: list[Event], rate: float
) -> None:
    print_configs(by_config)
    print_cpu(by_config)
    print_per_job(by_config["a"])
    a_cpu = sum(v for k, v in by_config["a"].items() if k.startswith("cpu_pct."))
    print("\n" + WHY.format(cores=CORES, a_cpu=a_cpu, all_cpu=100 * CORES))
    print_rebalance(steady, events, rate)


def print_configs(by_config: dict[str, Figures]) -> None:
    base = by_config["a"]["jobs/s"]
    print("\n| configuration | jobs/s | × a | submit p50 / p99 ms | end to end p50 / p99 ms |")
    print("|---|---|---|---|---|")
    for config in CONFIGS:
        f = by_config[config.name]
        print(
            f"| {config.title} | {f['jobs/s']:.1f} | {f['jobs/s'] / base:.2f} | "
            f"{f['burst.submit_p50_ms']:.0f} / {f['burst.submit_p99_ms']:.0f} | "
            f"{f['burst.completed_p50_ms']:.0f} / {f['burst.completed_p99_ms']:.0f} |"
        )


def print_cpu(by_config: dict[str, Figures]) -> None:
    """Each configuration's CPU during its burst, % of one core: the whole stack, our services,
    the servers, and the busiest services (their instances together)."""
    print(f"\nCPU during each burst, % of one core ({100 * CORES} % is all of this machine):")
    for config in CONFIGS:
        cpu = by_service(by_config[config.name])
        total = sum(value for value, _ in cpu.values())
        servers = sum(value for name, (value, _) in cpu.items() if name in SERVERS)
        busiest = sorted(cpu.items(), key=lambda item: -item[1][0])[:BUSIEST]
        shown = ", ".join(
            f"{name}{f' ×{n}' if n > 1 else ''} {value:.0f}" for name, (value, n) in busiest
        )
        print(
            f"  {config.name}: all {total:.0f} (services {total - servers:.0f}, "
            f"servers {servers:.0f}); busiest: {shown}"
        )


def by_service(figures: Figures) -> dict[str, tuple[float, int]]:
    """CPU % of each service's instances together, and how many there were."""
    found: dict[str, tuple[float, int]] = {}
    for key, value in figures.items():
        if key.startswith("cpu_pct."):
            service = re.sub(r"-\d+$", "", key.split(".", 1)[1])
            was, count = found.get(service, (0.0, 0))
            found[service] = (was + value, count + 1)
    return found


def print_per_job(figures: Figures) -> None:
    """Configuration a's costs per job: what the capacity model reads (`--record`)."""
    cpu = {k.split(".", 1)[1]: v for k, v in figures.items() if k.startswith("cpu_ms_per_job.")}
    writes = {k.split(".", 1)[1]: v for k, v in figures.items() if k.startswith("writes_per_job.")}
    print("\nPer job in a (one instance of each):")
    print("  CPU ms: " + ", ".join(f"{n} {v:.2f}" for n, v in sorted(cpu.items())))
    shown = ", ".join(f"{n} {v:.2f}" for n, v in sorted(writes.items()) if v)
    print(f"  documents written: {sum(writes.values()):.2f} ({shown})")
    commands = {
        k.split(".", 1)[1]: v for k, v in figures.items() if k.startswith("commands_per_job.")
    }
    shown = ", ".join(f"{n} {v:.2f}" for n, v in sorted(commands.items()) if v)
    print(f"  MongoDB commands: {figures['commands_per_job']:.2f} ({shown})")
    print(f"  Kafka records produced: {figures['messages_per_job']:.2f}")


def print_rebalance(steady: list[Timed], events: list[Event], rate: float) -> None:
    normal, gap_ms = normal_rate(steady, events), 1000 * normal_gap_s(steady, events)
    print(
        f"\nRebalance under {rate:.0f} jobs/s offered on c. Before the first event: "
        f"{normal:.1f} completions/s, at most {gap_ms:.0f} ms without one.\n"
        "Back: 5 s of completions at 90 % of that, after they fell below half of it."
    )
    print("\n| event | at s | rebalance pause ms | throughput back after s | e2e p99 / max s |")
    print("|---|---|---|---|---|")
    for found in around_each(steady, events):
        back = "not by the next" if found.recovery_s is None else f"{found.recovery_s:.1f}"
        print(
            f"| {found.event} | {found.after_s:.1f} | {1000 * found.pause_s:.0f} | {back} | "
            f"{found.e2e_p99_s:.1f} / {found.e2e_max_s:.1f} |"
        )
    began = min(run.sent for run in steady)
    for event in events:
        if not event.acted:
            print(f"\n{event.name} (joined its groups) {event.at - began:.1f} s into the load")
    print(f"\ncompletions per second: {per_second(steady, events)}")
    lost = len(steady) - sum(run.outcome == "completed" for run in steady)
    print(f"\n{len(steady)} jobs offered, {lost} not completed within the drain.")
