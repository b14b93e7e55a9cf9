"""Volume: the same scenarios on a baseline commit and on the working tree, in one run.

Each side gets its own stack (servers, emulator and services, on free ports; the baseline's from a
`git worktree` of the commit, run by a venv of that commit's own lock file under `.bench/`),
started and measured one after the other, then one table with both sides and their ratio is
printed (Markdown). Per side:

- a. idle: CPU of every process over `--idle-s` seconds with no jobs, as % of one core; then the
  first job after that idle time;
- b. burst: `--burst` draft 64x64 jobs over 4 tenants: CPU ms per job per process, MongoDB
  commands and produced Kafka records per job (counted inside each service by
  `bench/probe/sitecustomize.py`), drained jobs/s;
- c. open loop: jobs at a fixed rate (80 % of the baseline's drained rate, then 5x that) for
  `--open-s` seconds each: submit p50/p99 and submit to completed p50/p99;
- d. slow provider: `--slow` jobs at once on a 2 s emulated provider: overhead over 2 s, and CPU
  ms per job per process;
- e. campaign: one `POST /v1/batches` of `--campaign` rows: the 202, every job enqueued on the
  bulk request topic, and single jobs of another tenant beside it against the idle stack; first,
  the floor under the 202: the database inserting as many job records alone.

    python bench/volume.py                      # baseline 63e303a, then the working tree
    python bench/volume.py --sides current --rate 18 --only a,b
"""

import asyncio
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from procstats import Stack
from scenarios import Results, run_scenarios
from sides import REPO, python_of, stack_of, worktree
from volume_table import print_table

SLOW_SETTINGS = {
    "GENERATION_WORKER__CONCURRENCY": "1100",
    "GENERATION_HUGGINGFACE__CONCURRENCY": "1100",
    "GENERATION_HUGGINGFACE__RATE_PER_S": "5000",
    "GENERATION_HUGGINGFACE__TIMEOUT_S": "60",
}


def measure_side(tree: Path, python: Path, options: dict[str, Any], rate: float | None) -> Results:
    with stack_of(tree, python, SLOW_SETTINGS, probed=True) as (facts, probe_dir):
        stack = Stack(facts["processes"], probe_dir)
        return asyncio.run(run_scenarios(facts, stack, options, rate))


def main(
    baseline: Annotated[str, typer.Option(help="Commit measured first.")] = "63e303a",
    sides: Annotated[
        str, typer.Option(help="baseline,current or one of them.")
    ] = "baseline,current",
    only: Annotated[str, typer.Option(help="Scenarios to run (a,b,c,d,e).")] = "a,b,c,d,e",
    rate: Annotated[float | None, typer.Option(help="Open-loop rate without a baseline.")] = None,
    idle_s: Annotated[float, typer.Option(help="Idle measurement.")] = 60,
    burst: Annotated[int, typer.Option(help="Jobs of the burst.")] = 3000,
    open_s: Annotated[float, typer.Option(help="Seconds of each open-loop run.")] = 30,
    slow: Annotated[int, typer.Option(help="Jobs on the slow provider.")] = 1000,
    campaign: Annotated[int, typer.Option(help="Rows of the campaign.")] = 10_000,
    beside_s: Annotated[float, typer.Option(help="Single jobs beside the campaign.")] = 60,
) -> None:
    options = {
        "only": set(only.split(",")),
        "idle_s": idle_s,
        "burst": burst,
        "open_s": open_s,
        "slow": slow,
        "campaign": campaign,
        "beside_s": beside_s,
    }
    wanted = sides.split(",")
    results: dict[str, Results] = {}
    if "baseline" in wanted:
        with worktree(baseline) as tree:
            results["baseline"] = measure_side(tree, python_of(tree, baseline), options, rate)
        rate = rate or 0.8 * results["baseline"].get("b.drained_per_s", 0.0) or None
    if "current" in wanted:
        results["current"] = measure_side(REPO, Path(sys.executable), options, rate)
    print_table(results, baseline)


if __name__ == "__main__":
    typer.run(main)
