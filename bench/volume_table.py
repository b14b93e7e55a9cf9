"""The volume benchmark's table: both sides, their ratio, and the issue's target per row."""

import math
from collections.abc import Callable
from typing import Any

Results = dict[str, Any]
Target = Callable[[float, float | None], bool]

ROWS: list[tuple[str, str, str, Target | None]] = [
    ("a.idle_pct.total", "a. idle CPU, whole stack (% of one core)", "≤ 5", lambda v, b: v <= 5),
    ("a.idle_pct.services", "a. idle CPU, our services", "", None),
    ("a.first_after_idle_ms", "a. first job after idle, submit→completed (ms)", "", None),
    ("a.one_at_a_time_p50_ms", "a. one job at a time p50 (ms)", "", None),
    (
        "b.cpu_ms_per_job.services",
        "b. our services' CPU per job (ms)",
        "≤ ¼ baseline",
        lambda v, b: b is not None and v <= b / 4,
    ),
    (
        "b.cpu_ms_per_job.servers",
        "b. servers' CPU per job (ms)",
        "≤ ½ baseline",
        lambda v, b: b is not None and v <= b / 2,
    ),
    ("b.db_calls_per_job.total", "b. DB calls per job", "≤ 8", lambda v, b: v <= 8),
    ("b.messages_per_job.total", "b. bus messages per job", "≤ 5", lambda v, b: v <= 5),
    (
        "b.drained_per_s",
        "b. drained (jobs/s)",
        "≥ 4× baseline",
        lambda v, b: b is not None and v >= 4 * b,
    ),
    ("b.submit_p99_ms", "b. burst submit p99 (ms)", "", None),
    ("c1.offered_per_s", "c. offered rate, 80 % of baseline drain (jobs/s)", "", None),
    ("c1.accepted_per_s", "c. accepted (jobs/s)", "", None),
    ("c1.submit_p50_ms", "c. submit p50 (ms)", "", None),
    ("c1.submit_p99_ms", "c. submit p99 (ms)", "≤ 50", lambda v, b: v <= 50),
    ("c1.completed_p50_ms", "c. submit→completed p50 (ms)", "", None),
    ("c1.completed_p99_ms", "c. submit→completed p99 (ms)", "", None),
    ("c5.offered_per_s", "c. offered at 5× (jobs/s)", "", None),
    ("c5.accepted_per_s", "c. accepted at 5× (jobs/s)", "", None),
    ("c5.submit_p50_ms", "c. 5×: submit p50 (ms)", "", None),
    ("c5.submit_p99_ms", "c. 5×: submit p99 (ms)", "≤ 100", lambda v, b: v <= 100),
    ("c5.completed_p50_ms", "c. 5×: submit→completed p50 (ms)", "", None),
    ("c5.completed_p99_ms", "c. 5×: submit→completed p99 (ms)", "", None),
    ("c5.not_completed", "c. 5×: not completed within 120 s after", "", None),
    (
        "d.overhead_p50_pct",
        "d. 1,000 jobs on a 2 s provider: overhead p50 (% of 2 s)",
        "≤ 10",
        lambda v, b: v <= 10,
    ),
    ("d.overhead_p50_ms", "d. overhead p50 (ms)", "", None),
    ("d.overhead_p99_ms", "d. overhead p99 (ms)", "", None),
    ("d.drained_per_s", "d. drained (jobs/s)", "", None),
    ("e.accepted_s", "e. 10,000-row campaign: 202 (s)", "≤ 2", lambda v, b: v <= 2),
    ("e.enqueued_s", "e. all enqueued (s)", "≤ 10", lambda v, b: v <= 10),
    ("e.insert_floor_s", "e. floor: the local MongoDB inserting 10,000 job records (s)", "", None),
    ("e.single_idle_p99_ms", "e. single job p99, idle stack (ms)", "", None),
    ("e.single_beside_p99_ms", "e. single job p99 beside the campaign (ms)", "≤ 2× idle", None),
]


def print_table(results: dict[str, Results], baseline_commit: str) -> None:
    base, current = results.get("baseline", {}), results.get("current", {})
    print(f"\n| measure | baseline {baseline_commit} | working tree | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for key, title, target, check in ROWS:
        if key not in base and key not in current:
            continue
        b, c = base.get(key), current.get(key)
        met = ""
        if c is not None and check is not None:
            met = "yes" if check(c, b) else "no"
        if key == "e.single_beside_p99_ms" and c is not None:
            met = "yes" if c <= 2 * current.get("e.single_idle_p99_ms", math.inf) else "no"
        print(f"| {title} | {_fmt(b)} | {_fmt(c)} | {_ratio(b, c)} | {target} | {met} |")
    print("\nper process (baseline → working tree):")
    for family, unit in (
        ("a.idle_pct", "% idle"),
        ("b.cpu_ms_per_job", "CPU ms/job"),
        ("b.db_calls_per_job", "DB calls/job"),
        ("b.messages_per_job", "messages/job"),
        ("d.cpu_ms_per_job", "slow provider CPU ms/job"),
    ):
        names = sorted(
            {
                k.rsplit(".", 1)[1]
                for side in (base, current)
                for k in side
                if k.startswith(family + ".")
            }
        )
        cells = [
            f"{n} {_fmt(base.get(f'{family}.{n}'))} → {_fmt(current.get(f'{family}.{n}'))}"
            for n in names
        ]
        print(f"  {unit}: " + "; ".join(cells))


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def _ratio(b: float | None, c: float | None) -> str:
    if b is None or c is None or b == 0:
        return ""
    return f"{c / b:.2f}×"
