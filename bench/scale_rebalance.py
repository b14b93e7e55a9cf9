"""The scale benchmark's rebalance measurement: steady open-loop load on three generation
replicas; one is killed (-9), later one starts. Around each event: the longest time no job
completed (the group's rebalance pause) and how long until throughput is back (see
`bench/scale.py`)."""

import asyncio
import bisect
import itertools
import math
import time
from dataclasses import dataclass

from loadgen import DRAFT_64, STARTUP_S, Timed, completed, open_loop, quantile
from scale_topology import MOST_REPLICAS, Config, arrange, instance, urls
from sides import REPO

from deploy.local.stack import LocalStack

DRAIN_S = 150.0
"""A job running on the killed replica waits for its lease (`GENERATION_LEASE_S`, 60 s)."""
KILL_AT, START_AT = 0.15, 0.5
"""Shares of the load's time."""
FELL_SHARE, RECOVERED_SHARE = 0.5, 0.9
RATE_WINDOW_S = 5.0
STEP_S = 0.1
WARM_S = 5.0
"""The first seconds of the load, before its rate is steady, are not its normal."""


@dataclass(frozen=True)
class Event:
    name: str
    at: float
    """perf_counter seconds: the clients' clock (CLOCK_MONOTONIC, one for all processes)."""
    acted: bool = True
    """An action (kill, start), measured until the next one; else only marked (ready)."""


@dataclass(frozen=True)
class Around:
    """What one event did to the completions after it (until the next event or the load's end)."""

    event: str
    after_s: float
    """Seconds into the load."""
    pause_s: float
    recovery_s: float | None
    """None: not back before the next event (or the load's end)."""
    e2e_p99_s: float
    e2e_max_s: float


async def steady_load_with_events(
    stack: LocalStack, config: Config, keys: list[str], rate: float, seconds: float
) -> tuple[list[Timed], list[Event]]:
    """`rate` jobs/s for `seconds`; 15 % in, the last generation replica is killed; half-way,
    it starts again, and is marked ready once it answers `/readyz` (it joined its groups: their
    rebalance). The kill's rebalance first waits out the group's session (10 s)."""
    await arrange(stack, config)
    victim = instance(stack, f"generation-{MOST_REPLICAS}")
    gateway, projector = urls(stack, "gateway", config)[0], urls(stack, "projector", config)[0]
    began = time.perf_counter() + STARTUP_S
    load = asyncio.create_task(
        asyncio.to_thread(open_loop, gateway, keys, rate, seconds, DRAFT_64, DRAIN_S, projector)
    )
    await asyncio.sleep(began + KILL_AT * seconds - time.perf_counter())
    await asyncio.to_thread(victim.kill)
    events = [Event(f"kill -9 {victim.name}", time.perf_counter())]
    await asyncio.sleep(began + START_AT * seconds - time.perf_counter())
    victim.start(stack.env(), cwd=REPO)
    events.append(Event(f"start {victim.name}", time.perf_counter()))
    await stack.wait_services([victim.name])
    events.append(Event(f"ready {victim.name}", time.perf_counter(), acted=False))
    return await load, events


def normal_gap_s(runs: list[Timed], events: list[Event]) -> float:
    """The longest time without a completion under the same load before the first event."""
    began = min(run.sent for run in runs) + WARM_S
    return longest_gap(_ends(runs), began, events[0].at) if began < events[0].at else math.nan


def around_each(runs: list[Timed], events: list[Event]) -> list[Around]:
    """Each action's effect, until the next action or the load's end."""
    normal = normal_rate(runs, events)
    events = [event for event in events if event.acted]
    ends = _ends(runs)
    began, last_sent = min(r.sent for r in runs), max(r.sent for r in runs)
    untils = [event.at for event in events[1:]] + [last_sent]
    found = []
    for event, until in zip(events, untils, strict=True):
        window = [r.ended - r.sent for r in completed(runs) if event.at <= r.sent < until]
        found.append(
            Around(
                event=event.name,
                after_s=event.at - began,
                pause_s=longest_gap(ends, event.at, until),
                recovery_s=recovery_s(ends, normal, event.at, until),
                e2e_p99_s=quantile(window, 99),
                e2e_max_s=max(window, default=math.nan),
            )
        )
    return found


def longest_gap(ends: list[float], start: float, stop: float) -> float:
    """The longest time within [start, stop] in which no job completed (`ends` sorted)."""
    inside = ends[bisect.bisect_right(ends, start) : bisect.bisect_left(ends, stop)]
    points = [start, *inside, stop]
    return max(b - a for a, b in itertools.pairwise(points))


def recovery_s(ends: list[float], normal: float, start: float, stop: float) -> float | None:
    """Seconds from `start` until a `RATE_WINDOW_S` window's completions are back at
    `RECOVERED_SHARE` of the `normal` rate, once they had fallen below `FELL_SHARE` of it (a
    disruption, not noise); 0 when they never fell, None when not back by `stop`."""
    fell, moment = False, start + RATE_WINDOW_S
    while moment <= stop:
        done = bisect.bisect_right(ends, moment) - bisect.bisect_right(ends, moment - RATE_WINDOW_S)
        if done < FELL_SHARE * normal * RATE_WINDOW_S:
            fell = True
        elif fell and done >= RECOVERED_SHARE * normal * RATE_WINDOW_S:
            return moment - start
        moment += STEP_S
    return None if fell else 0.0


def normal_rate(runs: list[Timed], events: list[Event]) -> float:
    """Completions a second under the load before the first event."""
    began = min(run.sent for run in runs) + WARM_S
    ends = _ends(runs)
    done = bisect.bisect_left(ends, events[0].at) - bisect.bisect_left(ends, began)
    return done / max(1e-9, events[0].at - began)


def per_second(runs: list[Timed], events: list[Event]) -> str:
    """Completions in each second of the load, each event marked before the second it fell in."""
    began, ends = min(r.sent for r in runs), _ends(runs)
    seconds = [int(end - began) for end in ends]
    counts = [seconds.count(n) for n in range(max(seconds) + 1)]
    marks = {int(event.at - began): event.name.split()[0] for event in events}
    return " ".join(f"[{marks[n]}] {c}" if n in marks else str(c) for n, c in enumerate(counts))


def _ends(runs: list[Timed]) -> list[float]:
    return sorted(run.ended for run in completed(runs))
