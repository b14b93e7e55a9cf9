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
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from procstats import Stack
from scenarios import Results, run_scenarios
from volume_table import print_table

REPO = Path(__file__).resolve().parents[1]
PROBE = REPO / "bench" / "probe"
HELPER = REPO / "bench" / "stack_of_tree.py"
SLOW_SETTINGS = {
    "GENERATION_WORKER__CONCURRENCY": "1100",
    "GENERATION_HUGGINGFACE__CONCURRENCY": "1100",
    "GENERATION_HUGGINGFACE__RATE_PER_S": "5000",
    "GENERATION_HUGGINGFACE__TIMEOUT_S": "60",
}


@contextmanager
def worktree(commit: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="studio-baseline-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(path), commit], cwd=REPO, check=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=REPO, check=False)
        shutil.rmtree(path, ignore_errors=True)


def python_of(tree: Path, commit: str) -> Path:
    """A Python with `tree`'s pinned dependencies (made once per commit, kept under `.bench/`)."""
    venv = REPO / ".bench" / f"venv-{commit}"
    python = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        uv = [str(Path(sys.executable).parent / "uv"), "pip"]
        lock = str(tree / "requirements.lock")
        subprocess.run([*uv, "sync", "--quiet", "--python", str(python), lock], check=True)
        (venv / ".installed").touch()
    return python


@contextmanager
def stack_of(tree: Path, python: Path) -> Iterator[tuple[dict[str, Any], Stack]]:
    """A stack of `tree`'s code (its services import that tree), stopped on exit."""
    root = Path(tempfile.mkdtemp(prefix="studio-volume-"))
    probe_dir = root / "probe"
    probe_dir.mkdir()
    env = os.environ | {"PYTHONPATH": f"{PROBE}:{tree}", "STUDIO_PROBE_DIR": str(probe_dir)}
    out = root / "stack.json"
    overrides = [f"{k}={v}" for k, v in SLOW_SETTINGS.items()]
    helper = [str(python), str(HELPER)]
    try:
        subprocess.run(
            [*helper, "start", str(root), str(out), *overrides], cwd=tree, env=env, check=True
        )
        facts = json.loads(out.read_text())
        yield facts, Stack(facts["processes"], probe_dir)
    finally:
        subprocess.run([*helper, "stop", str(root)], cwd=tree, env=env, check=False)
        shutil.rmtree(root, ignore_errors=True)


def measure_side(tree: Path, python: Path, options: dict[str, Any], rate: float | None) -> Results:
    with stack_of(tree, python) as (facts, stack):
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
